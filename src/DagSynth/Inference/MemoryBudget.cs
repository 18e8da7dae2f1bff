using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>Checks planned table sizes against <see cref="InferenceOptions.MemoryBudgetBytes"/> before anything is allocated.</summary>
internal static class MemoryBudget
{
    /// <summary>The limit above which planning of <paramref name="options"/> stops: no single table can exceed the budget.</summary>
    public static double StopAbove(InferenceOptions options) => Math.Min(options.BudgetEntries, Array.MaxLength);

    /// <summary>
    /// A DS0402 diagnostic when the planned tables do not fit: together more than the budget, or one
    /// larger than an array can hold; otherwise null.
    /// </summary>
    /// <param name="model">The model, for names.</param>
    /// <param name="options">The budget.</param>
    /// <param name="what">What needs the tables, for the message: "this query".</param>
    /// <param name="plan">The elimination plan (perhaps stopped early at an oversized clique).</param>
    /// <param name="totalEntries">All the tables the computation holds at once, planned.</param>
    public static Diagnostic? Check(Model model, InferenceOptions options, string what, EliminationOrder plan, double totalEntries)
    {
        if (!plan.Stopped && totalEntries <= options.BudgetEntries && plan.LargestCliqueEntries <= Array.MaxLength)
        {
            return null;
        }

        var largest = plan.LargestClique;
        var names = largest.Take(6).Select(v => model.Variables[v].Name).ToList();
        var scope = largest.Length > 6 ? $"{string.Join(", ", names)} and {largest.Length - 6} more" : string.Join(", ", names);
        var needs = plan.Stopped || totalEntries <= options.BudgetEntries
            ? "it needs a table"
            : $"it needs {FormatBytes(totalEntries * sizeof(double))} of tables, the largest";
        return Diagnostic.Error(
            DiagnosticCodes.MemoryBudgetExceeded,
            model.Location,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what} does not fit in the memory budget of {FormatBytes(options.MemoryBudgetBytes)}: {needs} over {largest.Length} variables ({scope}) with {plan.LargestCliqueEntries:G3} entries ({FormatBytes(plan.LargestCliqueEntries * sizeof(double))})"),
            "raise the budget (--memory-budget), ask about fewer variables, or add evidence that cuts the network apart");
    }

    /// <summary>A DS0402 diagnostic for a query whose answer alone, the joint table over its targets, does not fit.</summary>
    public static Diagnostic TooLargeResult(Model model, InferenceOptions options, IReadOnlyList<int> targets, double entries) =>
        Diagnostic.Error(
            DiagnosticCodes.MemoryBudgetExceeded,
            model.Location,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the joint distribution of the {targets.Count} targets has {entries:G3} entries ({FormatBytes(entries * sizeof(double))}), more than the memory budget of {FormatBytes(options.MemoryBudgetBytes)} holds"),
            "ask about fewer targets at once");

    /// <summary>A byte count for people: <c>512 B</c>, <c>3.1 MiB</c>, <c>1 GiB</c>, <c>2.5e+12 GiB</c>.</summary>
    public static string FormatBytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        var number = bytes < 1e6 ? bytes.ToString("0.#", CultureInfo.InvariantCulture) : bytes.ToString("G3", CultureInfo.InvariantCulture);
        return $"{number} {units[unit]}";
    }
}
