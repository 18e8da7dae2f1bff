using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Bif;
using DagSynth.IO.Formats.Dsc;
using DagSynth.IO.Formats.Export;
using DagSynth.IO.Formats.Native;
using DagSynth.IO.Formats.Net;
using DagSynth.IO.Formats.Uai;
using DagSynth.IO.Formats.XmlBif;
using DagSynth.IO.Formats.Xdsl;
using DagSynth.Models;

namespace DagSynth.IO.Formats;

/// <summary>
/// Writes a validated <see cref="Model"/> in any <see cref="ModelFormat"/>. Tables are written with
/// round-trip digits, so reading the file back gives the same doubles. Before writing, the model is
/// checked for what the format cannot express: rules, the default seed and names it cannot hold are
/// errors (nothing is written) unless <see cref="ExportOptions.Lossy"/> makes them warnings;
/// descriptive metadata the format has no place for (labels, descriptions, variable types) is
/// dropped with a warning.
/// </summary>
public static class ModelWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What writing <paramref name="model"/> as <paramref name="format"/> would lose, as diagnostics.</summary>
    public static ImmutableArray<Diagnostic> Check(Model model, ModelFormat format, ExportOptions options = default) =>
        Plan(model, format, options).Diagnostics;

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="output"/> as <paramref name="format"/> (UTF-8,
    /// LF line ends) unless a loss is an error; returns the diagnostics either way.
    /// </summary>
    public static ImmutableArray<Diagnostic> Write(Model model, ModelFormat format, Stream output, ExportOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var plan = Plan(model, format, options);
        if (plan.Diagnostics.Any(d => d.IsError))
        {
            return plan.Diagnostics;
        }

        using var writer = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        plan.Writer.Write(model, plan.Names!, writer);
        writer.Flush();
        return plan.Diagnostics;
    }

    /// <summary>The text <see cref="Write"/> would write, or null (with the errors) when a loss is not accepted.</summary>
    public static (string? Text, ImmutableArray<Diagnostic> Diagnostics) WriteToString(Model model, ModelFormat format, ExportOptions options = default)
    {
        var plan = Plan(model, format, options);
        if (plan.Diagnostics.Any(d => d.IsError))
        {
            return (null, plan.Diagnostics);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        plan.Writer.Write(model, plan.Names!, writer);
        return (writer.ToString(), plan.Diagnostics);
    }

    private static FormatWriter For(ModelFormat format) => format switch
    {
        ModelFormat.Yaml => new NativeWriter(json: false),
        ModelFormat.Json => new NativeWriter(json: true),
        ModelFormat.Bif => new BifWriter(),
        ModelFormat.XmlBif => new XmlBifWriter(),
        ModelFormat.Net => new NetWriter(),
        ModelFormat.Dsc => new DscWriter(),
        ModelFormat.Uai => new UaiWriter(),
        ModelFormat.Xdsl => new XdslWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a model format"),
    };

    private static (FormatWriter Writer, ExportNames? Names, ImmutableArray<Diagnostic> Diagnostics) Plan(Model model, ModelFormat format, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var writer = For(format);
        var capabilities = writer.Capabilities;
        var at = SourceSpan.InSource(options.Target);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

        var notTables = model.Variables.Where(v => v.Conditional is not CptConditional).Select(v => v.Name).ToList();
        if (notTables.Count > 0 && !capabilities.AllNodeTypes)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.ExportLoss,
                at,
                $"{capabilities.Name} holds probability tables only; {Join(notTables)} cannot be written even with --lossy"));
            return (writer, null, diagnostics.ToImmutable());
        }

        var problems = new List<string>();
        if (!capabilities.AllNodeTypes && model.Variables.Any(v => v.Missing is not null))
        {
            problems.Add($"the missingness of {Join(model.Variables.Where(v => v.Missing is not null).Select(v => v.Name))}");
        }

        if (!capabilities.AllNodeTypes && model.Dirty is not null)
        {
            problems.Add("the 'dirty:' section");
        }

        if (!capabilities.Rules && model.Rules.Length > 0)
        {
            problems.Add($"{Count(model.Rules.Length, "rule")} ({Join(model.Rules.Select(r => r.Describe()))})");
        }

        if (!capabilities.Seed && model.Seed is { } seed)
        {
            problems.Add($"the default seed {seed.ToString(CultureInfo.InvariantCulture)} (generating without --seed would use 0)");
        }

        if (model.Calibration is { } calibration && !capabilities.Calibration)
        {
            // Only the native format keeps fit markers and targets; others get the numbers the model was built with.
            var parts = new List<string>();
            if (!calibration.Parameters.IsEmpty)
            {
                parts.Add($"{Count(calibration.Parameters.Length, "free parameter")} (fit; their current values are written instead: calibrate first, dagsynth calibrate MODEL --out FILE)");
            }

            if (!calibration.Targets.IsEmpty)
            {
                parts.Add(Count(calibration.Targets.Length, "calibration target"));
            }

            problems.Add(string.Join(" and ", parts));
        }
        else if (model.Calibration is { } written && !model.IsCalibrationInstance)
        {
            // The native writer writes a table's cells from the table, so fit cells come out as their start values.
            var inTables = written.Parameters
                .Where(p => p.Variable is { } name && model.Variables[model.IndexOf(name)].Conditional is CptConditional)
                .Select(p => p.Variable!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (inTables.Count > 0)
            {
                problems.Add($"the fit cells of the tables of {Join(inTables)} (their start values are written instead)");
            }
        }

        var names = writer.ChooseNames(model, problems);
        foreach (var problem in problems)
        {
            diagnostics.Add(options.Lossy
                ? Diagnostic.Warning(DiagnosticCodes.ExportLoss, at, $"{capabilities.Name} cannot express {problem}; it is lost")
                : Diagnostic.Error(
                    DiagnosticCodes.ExportLoss,
                    at,
                    $"{capabilities.Name} cannot express {problem}; writing would lose it",
                    "write another format, or accept the loss with --lossy"));
        }

        foreach (var dropped in Dropped(model, capabilities))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MetadataDropped, at, $"{capabilities.Name} does not keep {dropped}"));
        }

        return (writer, names, diagnostics.ToImmutable());
    }

    private static IEnumerable<string> Dropped(Model model, FormatCapabilities capabilities)
    {
        if (!capabilities.Kinds)
        {
            var typed = model.Variables.Where(v => v.Kind != VariableKind.Categorical).ToList();
            if (typed.Count > 0)
            {
                yield return $"the types of {Join(typed.Select(v => $"'{v.Name}' ({v.Kind.ToString().ToLowerInvariant()})"))}: they are written as categorical variables with the same levels";
            }
        }

        if (!capabilities.Labels && model.Variables.Count(v => v.Label is not null) is > 0 and var labels)
        {
            yield return $"the labels of {Count(labels, "variable")}";
        }

        if (!capabilities.Descriptions)
        {
            var described = model.Variables.Count(v => v.Description is not null);
            if (model.Description is not null || described > 0)
            {
                yield return $"the descriptions of {(model.Description is null ? string.Empty : "the model")}{(model.Description is not null && described > 0 ? " and of " : string.Empty)}{(described > 0 ? Count(described, "variable") : string.Empty)}";
            }
        }

        if (!capabilities.Parameters && model.Parameters.Length > 0)
        {
            yield return $"the named parameters ({Join(model.Parameters.Select(p => p.Key))}); the tables keep their values";
        }

        if (!capabilities.Outcomes && model.Outcomes.Length > 0)
        {
            yield return $"the declared outcomes ({Join(model.Outcomes.Select(o => model.Variables[o.Outcome.Variable].Name))})";
        }
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? string.Empty : "s")}";

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        var shown = string.Join(", ", list.Take(5).Select(s => s.StartsWith('\'') ? s : $"'{s}'"));
        return list.Count > 5 ? $"{shown} and {list.Count - 5} more" : shown;
    }
}
