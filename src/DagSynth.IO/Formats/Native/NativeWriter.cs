using System.Globalization;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Native;

/// <summary>
/// Writes DagSynth's own model format, in YAML or JSON: everything a model holds (name,
/// description, seed, parameters, variables with their types, levels, labels and full tables,
/// rules), with names quoted wherever YAML would read them differently and numbers written with
/// round-trip digits, so the file reads back to the same model.
/// </summary>
internal sealed class NativeWriter(bool json) : FormatWriter
{
    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new()
    {
        Name = json ? "JSON" : "YAML",
        Rules = true,
        Seed = true,
        Kinds = true,
        Labels = true,
        Descriptions = true,
        Parameters = true,
        Outcomes = true,
        AllNodeTypes = true,
        Calibration = true,
    };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NamePolicy.Any, NamePolicy.Any, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        var document = Document(model);
        if (json)
        {
            DocumentEmitter.WriteJson(document, writer);
        }
        else
        {
            DocumentEmitter.WriteYaml(document, writer);
        }
    }

    private static DocumentMap Document(Model model)
    {
        var root = new DocumentMap([]).Add("dagsynth", new DocumentNumber("1")).Add("name", new DocumentString(model.Name));
        if (model.Description is { } description)
        {
            root.Add("description", new DocumentString(description));
        }

        if (model.Seed is { } seed)
        {
            root.Add("seed", new DocumentNumber(seed.ToString(CultureInfo.InvariantCulture)));
        }

        if (model.ReferenceDate is { } referenceDate)
        {
            root.Add("reference_date", new DocumentString(Sampling.DataText.Date(referenceDate)));
        }

        if (model.Parameters.Length > 0)
        {
            var parameters = new DocumentMap([]);
            // A free parameter of the model as written goes back as free; an instance's as its number.
            var free = model.Calibration is { } problem && !model.IsCalibrationInstance
                ? problem.Parameters.Where(p => p.IsNamed).ToDictionary(p => p.Name, StringComparer.Ordinal)
                : [];
            foreach (var (name, value) in model.Parameters)
            {
                parameters.Add(name, free.TryGetValue(name, out var p) ? FreeParameter(p) : new DocumentNumber(Number(value)));
            }

            root.Add("parameters", parameters);
        }

        var variables = new DocumentMap([]);
        foreach (var v in model.Variables)
        {
            variables.Add(v.Name, Variable(model, v));
        }

        root.Add("variables", variables);
        if (model.Rules.Length > 0)
        {
            var rules = new DocumentList([]);
            foreach (var rule in model.Rules)
            {
                var entry = new DocumentMap([]).Add("never", new DocumentString(rule.Text));
                if (rule.Name is { } name)
                {
                    entry.Add("name", new DocumentString(name));
                }

                rules.Items.Add(entry);
            }

            root.Add("rules", rules);
        }

        if (model.DirtySection is { } dirty)
        {
            root.Add("dirty", Node(dirty));
        }

        if (model.Outcomes.Length > 0)
        {
            var outcomes = new DocumentMap([]);
            foreach (var outcome in model.Outcomes)
            {
                var exposures = new DocumentList([]);
                foreach (var exposure in outcome.Exposures)
                {
                    exposures.Items.Add(new DocumentString(exposure.Describe(model)));
                }

                outcomes.Add(outcome.Outcome.Describe(model), exposures);
            }

            root.Add("outcomes", outcomes);
        }

        if (model.Calibration is { WrittenTargets.IsEmpty: false } calibration)
        {
            var targets = new DocumentList([]);
            foreach (var target in calibration.WrittenTargets)
            {
                targets.Items.Add(new DocumentMap([]).Add(target.Kind.Value, Node(target.Settings)));
            }

            root.Add("targets", targets);
        }

        return root;
    }

    /// <summary><c>{fit: true, start: 0.1, min: 0, max: 1}</c>, the bounds only where finite.</summary>
    private static DocumentMap FreeParameter(Calibration.FreeParameter p)
    {
        var map = new DocumentMap([], Inline: true).Add("fit", new DocumentNumber("true")).Add("start", new DocumentNumber(Number(p.Start)));
        if (double.IsFinite(p.Minimum))
        {
            map.Add("min", new DocumentNumber(Number(p.Minimum)));
        }

        if (double.IsFinite(p.Maximum))
        {
            map.Add("max", new DocumentNumber(Number(p.Maximum)));
        }

        return map;
    }

    private static DocumentMap Variable(Model model, Variable v)
    {
        if (v.Conditional is not CptConditional)
        {
            return Node(model, v);
        }

        var map = new DocumentMap([]);
        switch (v.Kind)
        {
            case VariableKind.Boolean:
                map.Add("type", new DocumentString("boolean"));
                break;
            case VariableKind.Ordinal:
                map.Add("type", new DocumentString("ordinal"));
                map.Add("levels", Strings(v.Levels));
                break;
            default:
                map.Add("levels", Strings(v.Levels));
                break;
        }

        if (v.Label is { } label)
        {
            map.Add("label", new DocumentString(label));
        }

        if (v.Description is { } description)
        {
            map.Add("description", new DocumentString(description));
        }

        if (v.Unit is { } unit)
        {
            map.Add("unit", new DocumentString(unit));
        }

        AddSettings(map, v);
        var table = TableOf(v);
        if (v.Parents.Length == 0)
        {
            map.Add("probs", Numbers(table.Row(0)));
            return map;
        }

        var parents = v.Parents.Select(p => model.Variables[p]).ToList();
        map.Add("given", Strings(parents.Select(p => p.Name)));
        var entries = new DocumentList([]);
        var levels = new int[parents.Count];
        for (var r = 0; r < table.RowCount; r++)
        {
            table.LevelsOf(r, levels);
            var when = new DocumentMap([], Inline: true);
            for (var p = 0; p < parents.Count; p++)
            {
                when.Add(parents[p].Name, new DocumentString(parents[p].Levels[levels[p]]));
            }

            entries.Items.Add(new DocumentMap([]).Add("when", when).Add("probs", Numbers(table.Row(r))));
        }

        map.Add("table", entries);
        return map;
    }

    /// <summary>
    /// A variable that is not a table: its type, levels, parents and its settings as the author wrote
    /// them (formulas and parameter names intact), so that it reads back to the same variable.
    /// </summary>
    private static DocumentMap Node(Model model, Variable v)
    {
        var map = new DocumentMap([]).Add("type", new DocumentString(NodeVocabulary.NameOf(v.Type)));
        if (v.Type is NodeType.Multinomial or NodeType.Ordinal or NodeType.Categorical)
        {
            map.Add("levels", Strings(v.Levels));
        }

        if (v.Label is { } label)
        {
            map.Add("label", new DocumentString(label));
        }

        if (v.Description is { } description)
        {
            map.Add("description", new DocumentString(description));
        }

        if (v.Unit is { } unit)
        {
            map.Add("unit", new DocumentString(unit));
        }

        if (v.Parents.Length > 0)
        {
            map.Add("given", Strings(v.Parents.Select(p => model.Variables[p].Name)));
        }

        if (!v.Settings.IsEmpty)
        {
            AddSettings(map, v);
            return map;
        }

        // Built in code (an intervention, say): rebuild the settings from the conditional where it says them.
        switch (v.Conditional)
        {
            case DeriveConditional derive:
                map.Add("formula", new DocumentString(derive.Text));
                if (derive.Round is { } digits)
                {
                    map.Add("round", new DocumentNumber(digits.ToString(CultureInfo.InvariantCulture)));
                }

                break;
            case DistributionConditional distribution:
                foreach (var parameter in distribution.Parameters)
                {
                    map.Add(parameter.Name, Scalar(parameter.Text));
                }

                break;
            default:
                throw new InvalidOperationException($"'{v.Name}' ({NodeVocabulary.NameOf(v.Type)}) was built in code and has no settings to write");
        }

        return map;
    }

    private static void AddSettings(DocumentMap map, Variable v)
    {
        foreach (var setting in v.Settings)
        {
            map.Add(setting.Key.Value, Node(setting.Value));
        }
    }

    /// <summary>A setting as written: numbers as numbers, everything else as (quoted when needed) text.</summary>
    private static DocumentNode Node(Specs.SpecValue value) => value switch
    {
        Specs.SpecScalar s => Scalar(s.Text),
        Specs.SpecList l => new DocumentList([.. l.Items.Select(Node)]),
        Specs.SpecMap m => new DocumentMap([.. m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Node(e.Value)))], Inline: true),
        _ => new DocumentString(string.Empty),
    };

    private static DocumentNode Scalar(string text) =>
        (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains(' ', StringComparison.Ordinal))
        || text is "true" or "false"
            ? new DocumentNumber(text)
            : new DocumentString(text);

    private static DocumentList Strings(IEnumerable<string> values) => new([.. values.Select(s => (DocumentNode)new DocumentString(s))]);

    private static DocumentList Numbers(ReadOnlySpan<double> values)
    {
        var list = new List<DocumentNode>(values.Length);
        foreach (var value in values)
        {
            list.Add(new DocumentNumber(Number(value)));
        }

        return new DocumentList(list);
    }
}
