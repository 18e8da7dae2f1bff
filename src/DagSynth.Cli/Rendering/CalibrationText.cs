using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Models;
using Spectre.Console;

namespace DagSynth.Cli.Rendering;

/// <summary>The readable form of <c>calibrate</c>: a summary line, targets requested against achieved, and the solved values.</summary>
internal static class CalibrationText
{
    public static void Write(TextWriter output, Model model, CalibrationResult result)
    {
        var problem = model.Calibration!;
        var status = result.Status switch
        {
            CalibrationStatus.Solved when problem.Parameters.IsEmpty => "every target met (no free parameters: the model as written)",
            CalibrationStatus.Solved => $"every target met after {Count(result.Iterations, "iteration")} ({Count(result.Evaluations, "model")} evaluated)",
            CalibrationStatus.Infeasible => $"{Count(result.Targets.Count(t => !t.IsMet), "target")} not met: the closest values found are shown",
            _ => "the model could not be evaluated",
        };
        output.WriteLine($"calibrate {model.Name}: {Count(problem.Targets.Length, "target")}, {Count(problem.Parameters.Length, "free parameter")}: {status}");
        if (result.SimulationRows > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  exact: computed by exact inference; ±: estimated from {result.SimulationRows:N0} simulated rows (seed {result.Seed}, the same rows at every step), with its Monte-Carlo standard error"));
        }

        if (!result.Targets.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("Targets");
            var table = TableText.Create()
                .AddColumn("target")
                .AddColumn(new TableColumn("requested").RightAligned())
                .AddColumn(new TableColumn("achieved").RightAligned())
                .AddColumn(new TableColumn("tolerance").RightAligned())
                .AddColumn("method")
                .AddColumn("met");
            foreach (var t in result.Targets)
            {
                table.AddRow(
                    Markup.Escape(t.Target.Label),
                    Number(t.Target.Value),
                    Number(t.Achieved),
                    t.Target.IsRatio ? (t.Target.Tolerance * 100).ToString("G3", CultureInfo.InvariantCulture) + "%" : Number(t.Target.Tolerance),
                    t.Target.IsExact ? "exact" : $"±{Short(t.StandardError)}",
                    t.IsMet ? "yes" : "NO");
            }

            TableText.Write(output, table);
        }

        if (!result.Parameters.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("Free parameters");
            var table = TableText.Create()
                .AddColumn("parameter")
                .AddColumn(new TableColumn("start").RightAligned())
                .AddColumn(new TableColumn("value").RightAligned())
                .AddColumn("note");
            foreach (var p in result.Parameters)
            {
                table.AddRow(
                    Markup.Escape(p.Parameter.Name),
                    Number(p.Parameter.Start),
                    Number(p.Value),
                    p.IsDetermined ? string.Empty : "not determined by the targets");
            }

            TableText.Write(output, table);
        }
    }

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? string.Empty : "s")}");

    /// <summary>Six significant digits.</summary>
    internal static string Number(double x) => double.IsNaN(x) ? "n/a" : x.ToString("G6", CultureInfo.InvariantCulture);

    private static string Short(double x) => double.IsNaN(x) ? "n/a" : x.ToString("G2", CultureInfo.InvariantCulture);

}
