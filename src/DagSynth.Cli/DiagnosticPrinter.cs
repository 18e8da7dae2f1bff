using DagSynth.Diagnostics;

namespace DagSynth.Cli;

/// <summary>Prints diagnostics compiler-style, one per line (a hint on the next), with a count at the end.</summary>
internal static class DiagnosticPrinter
{
    /// <summary>Prints every diagnostic; returns the number of errors.</summary>
    public static int Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = 0;
        foreach (var d in diagnostics)
        {
            writer.WriteLine(d.ToString());
            errors += d.IsError ? 1 : 0;
        }

        return errors;
    }

    /// <summary>Prints the diagnostics and a closing count when there are errors; returns the number of errors.</summary>
    public static int PrintWithSummary(TextWriter writer, IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var errors = Print(writer, diagnostics);
        if (errors > 0)
        {
            var warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
            var summary = $"{errors} error{(errors == 1 ? string.Empty : "s")}";
            if (warnings > 0)
            {
                summary += $", {warnings} warning{(warnings == 1 ? string.Empty : "s")}";
            }

            writer.WriteLine(summary);
        }

        return errors;
    }
}
