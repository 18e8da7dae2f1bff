using DagSynth.Reports.Content;
using DagSynth.Reports.Html;

namespace DagSynth.Reports;

/// <summary>
/// The report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched) that
/// shows the model's DAG; for each variable the declared distribution against the generated one, as
/// a chart and a table; for each outcome the declared associations against the achieved ones with 95%
/// confidence intervals; every rule with its exact probability and the rows that break it;
/// calibration targets; missingness; and the run manifest. Anything outside its interval is flagged.
/// </summary>
/// <remarks>
/// The page is a function of the request: the same model, data, seeds and options give the same
/// bytes (invariant culture, fixed number formats, model order throughout); only
/// <see cref="ReportRequest.Timestamp"/> (and the command line) change between runs.
/// </remarks>
public static class HtmlReport
{
    /// <summary>The page's section headings, in order.</summary>
    public static IReadOnlyList<string> SectionTitles { get; } = [.. HtmlWriter.Sections.Select(s => s.Title)];

    /// <summary>Computes and writes the report.</summary>
    public static ReportResult Write(ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = ReportBuilder.Build(request, cancellationToken);
        return new ReportResult(HtmlWriter.Write(content), content.Checks, content.Flags, content.RuleProblems)
        {
            Targets = content.Targets?.Rows.Length ?? 0,
            TargetsMet = content.Targets?.Met ?? 0,
        };
    }
}

/// <summary>A written report.</summary>
/// <param name="Html">The page.</param>
/// <param name="Checks">Statistical checks made (declared values against achieved 95% intervals).</param>
/// <param name="Flags">Checks whose declared value lies outside the achieved interval.</param>
/// <param name="RuleProblems">Rules that the data breaks, or that the model does not make impossible.</param>
public sealed record ReportResult(string Html, int Checks, int Flags, int RuleProblems)
{
    /// <summary>The model's calibration targets (not among <see cref="Checks"/>).</summary>
    public int Targets { get; init; }

    /// <summary>Calibration targets the model meets.</summary>
    public int TargetsMet { get; init; }
}
