using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>Checks planned table sizes against <see cref="InferenceOptions.MemoryBudgetBytes"/> before anything is allocated.</summary>
internal static class MemoryBudget
{
    /// <summary>
    /// A DS0402 diagnostic when <paramref name="totalEntries"/> (or the largest single table, which an
    /// array must be able to hold) does not fit; otherwise null.
    /// </summary>
    public static Diagnostic? Check(Model model, InferenceOptions options, string what, double totalEntries, double largestEntries, IReadOnlyList<int> largestScope)
    {
        if (totalEntries <= options.BudgetEntries && largestEntries <= Array.MaxLength)
        {
            return null;
        }

        var names = largestScope.Take(8).Select(v => model.Variables[v].Name).ToList();
        var scope = largestScope.Count > 8 ? $"{string.Join(", ", names)} and {largestScope.Count - 8} more" : string.Join(", ", names);
        return Diagnostic.Error(
            DiagnosticCodes.MemoryBudgetExceeded,
            model.Location,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what} needs {FormatBytes(totalEntries * sizeof(double))} of tables, above the memory budget of {FormatBytes(options.MemoryBudgetBytes)}; its largest table spans {largestScope.Count} variables ({scope}) with {largestEntries:G3} entries"),
            "raise the budget (--memory-budget), ask about fewer variables, or add evidence that cuts the network apart");
    }

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
