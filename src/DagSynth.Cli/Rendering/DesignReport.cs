using System.Globalization;
using DagSynth.Designs;

namespace DagSynth.Cli.Rendering;

/// <summary>What <c>generate</c> says on standard error about a design: how conditions were met, acceptance rates, strata.</summary>
internal static class DesignReport
{
    public static void Write(TextWriter error, StudyDesign design, DesignResult result)
    {
        var plain = design.StratumLabels.IsEmpty;
        foreach (var rule in design.SuspendedRules)
        {
            error.WriteLine($"note: the rule '{rule.Describe()}' is not checked: it reads a variable that --do or --randomize sets");
        }

        foreach (var stratum in result.Strata)
        {
            var prefix = plain ? string.Empty : $"stratum {stratum.Label}: ";
            if (!plain)
            {
                var line = stratum.Rows == 0
                    ? $"{prefix}no rows"
                    : Invariant($"{prefix}rows {stratum.FirstRow + 1:N0}-{stratum.FirstRow + stratum.Rows:N0}");
                if (stratum.IsEstimated)
                {
                    line += Invariant($", population share {stratum.PopulationShare:G4} (estimated, s.e. {stratum.PopulationShareError:G2})");
                }
                else if (!double.IsNaN(stratum.PopulationShare))
                {
                    line += Invariant($", population share {stratum.PopulationShare:G4}");
                }

                if (!double.IsNaN(stratum.Weight))
                {
                    line += Invariant($", weight {stratum.Weight:G6}");
                }

                error.WriteLine(line);
            }

            if (!stratum.Reports.IsEmpty && (plain || stratum.Reports.Any(r => r.Method != ConditioningMethod.Exact)))
            {
                foreach (var group in stratum.Reports.GroupBy(r => r.Method).OrderBy(g => g.Key))
                {
                    error.WriteLine($"{(plain ? string.Empty : "  ")}given {string.Join(", ", group.Select(r => r.Condition))}: {Describe(group.Key)}");
                }
            }

            if (stratum.Attempts > stratum.Rows && stratum.Rows > 0)
            {
                error.WriteLine(Invariant($"{(plain ? string.Empty : "  ")}checked by rejection: acceptance rate {Percent((double)stratum.Rows / stratum.Attempts)} ({stratum.Rows:N0} rows from {stratum.Attempts:N0} draws)"));
            }
        }

        if (!plain && !double.IsNaN(result.Coverage) && result.Coverage < 1 - 1e-9)
        {
            var estimated = result.CoverageIsEstimated ? "an estimated " : string.Empty;
            error.WriteLine(Invariant($"note: the strata cover {estimated}{Percent(result.Coverage)} of the population; weighted analyses recover the population restricted to them"));
        }
    }

    private static string Describe(ConditioningMethod method) => method switch
    {
        ConditioningMethod.Exact => "exact, from the junction tree",
        ConditioningMethod.Truncation => "exact, by truncating the root's distribution",
        _ => "by rejection (bounded)",
    };

    private static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
