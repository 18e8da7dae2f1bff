using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Cli.Commands;

/// <summary>Turns the design options of <c>generate</c> into a <see cref="DesignRequest"/>, collecting every problem.</summary>
internal static class DesignBinding
{
    /// <summary>Whether any option asks for more than plain forward sampling.</summary>
    public static bool AsksForDesign(GenerateCommand.Settings s) =>
        s.Given.Length > 0 || s.Do.Length > 0 || s.Randomize.Length > 0 || s.Quotas.Length > 0 || s.CaseControl is not null
        || s.Weights || s.PotentialOutcomes is not null || s.Outcomes.Length > 0;

    /// <summary>Binds the options to <paramref name="model"/>; null with diagnostics when any is wrong.</summary>
    public static (DesignRequest? Request, List<Diagnostic> Problems) Bind(Model model, GenerateCommand.Settings s)
    {
        var problems = new List<Diagnostic>();
        var levels = new List<LevelAssignment>();
        var predicates = new List<EvidencePredicate>();
        foreach (var text in s.Given)
        {
            var (level, predicate, d) = EvidenceParser.Parse(text, model, "--given");
            problems.AddRange(d);
            if (level is { } l)
            {
                levels.Add(l);
            }
            else if (predicate is not null)
            {
                predicates.Add(predicate);
            }
        }

        var interventions = new List<InterventionSetting>();
        foreach (var text in s.Do)
        {
            var (setting, d) = EvidenceParser.ParseIntervention(text, model, "--do");
            problems.AddRange(d);
            if (setting is { } x)
            {
                interventions.Add(x);
            }
        }

        var randomized = s.Randomize.Select(name => Variable(model, name, "--randomize", problems)).OfType<int>().ToImmutableArray();
        var quotas = new List<Quota>();
        foreach (var text in s.Quotas)
        {
            if (ParseQuota(text, model, problems) is { } q)
            {
                quotas.Add(q);
            }
        }

        CaseControlDesign? caseControl = null;
        if (s.CaseControl is { } caseText)
        {
            caseControl = BindCaseControl(model, s, caseText, problems);
        }
        else if (s.Controls is not null || s.Cases is not null || s.Match.Length > 0)
        {
            problems.Add(Usage("--controls, --cases and --match belong to a case-control design", "add --case-control VARIABLE=level"));
        }

        PotentialOutcomeRequest? potentialOutcomes = null;
        if (s.PotentialOutcomes is { } treatmentName)
        {
            var treatment = Variable(model, treatmentName, "--potential-outcomes", problems);
            var outcomes = s.Outcomes.Select(name => Variable(model, name, "--outcome", problems)).OfType<int>().ToImmutableArray();
            if (s.Outcomes.Length == 0)
            {
                problems.Add(Usage("--potential-outcomes needs an --outcome", "add --outcome VARIABLE (repeat for several)"));
            }

            if (treatment is { } t)
            {
                potentialOutcomes = new PotentialOutcomeRequest(t, outcomes);
            }
        }
        else if (s.Outcomes.Length > 0)
        {
            problems.Add(Usage("--outcome belongs to --potential-outcomes", "add --potential-outcomes TREATMENT"));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new DesignRequest
        {
            Rows = s.Rows ?? 0,
            Interventions = [.. interventions],
            Randomized = randomized,
            Given = SamplingEvidence.Of(levels, predicates),
            Quotas = [.. quotas],
            CaseControl = caseControl,
            Weights = s.Weights,
            PotentialOutcomes = potentialOutcomes,
            Conditioning = new ConditioningOptions
            {
                MaxAttempts = s.MaxAttempts,
                Inference = new InferenceOptions { MemoryBudgetBytes = s.MemoryBudget * 1024 * 1024 },
            },
        }, problems);
    }

    /// <summary><c>VAR=level[,VAR=level...]:N</c>.</summary>
    private static Quota? ParseQuota(string text, Model model, List<Diagnostic> problems)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !long.TryParse(text[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.QuerySyntax,
                new SourceSpan("--quota", 1, colon < 0 ? text.Length + 1 : colon + 2),
                $"'{text}' does not end in ':' and a number of rows",
                "write VARIABLE=level:ROWS, such as cvd=true:500, or several levels: sex=male,cvd=true:250"));
            return null;
        }

        var levels = new List<LevelAssignment>();
        var ok = true;
        foreach (var part in SplitTopLevel(text[..colon]))
        {
            var (a, d) = QueryParser.ParseAssignment(part, model, levelRequired: true, "--quota");
            problems.AddRange(d);
            if (a is { } assignment)
            {
                levels.Add(assignment);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new Quota([.. levels], rows) : null;
    }

    private static CaseControlDesign? BindCaseControl(Model model, GenerateCommand.Settings s, string caseText, List<Diagnostic> problems)
    {
        var (caseLevel, d) = QueryParser.ParseAssignment(caseText, model, levelRequired: true, "--case-control");
        problems.AddRange(d);
        if (caseLevel is not { } c)
        {
            return null;
        }

        var variable = model.Variables[c.Variable];
        LevelAssignment control;
        if (s.Controls is { } controlText)
        {
            var (controlLevel, cd) = QueryParser.ParseAssignment(controlText, model, levelRequired: true, "--controls");
            problems.AddRange(cd);
            if (controlLevel is not { } cl)
            {
                return null;
            }

            control = cl;
        }
        else if (variable.Cardinality == 2)
        {
            control = new LevelAssignment(c.Variable, 1 - c.Level);
        }
        else
        {
            problems.Add(Usage($"'{variable.Name}' has {variable.Cardinality} levels, so the controls must be named", $"add --controls {variable.Name}=LEVEL"));
            return null;
        }

        var perCase = s.ControlsPerCase;
        long cases;
        if (s.Cases is { } n)
        {
            cases = n;
        }
        else if (s.Rows is { } rows && rows % (1 + perCase) == 0)
        {
            cases = rows / (1 + perCase);
        }
        else
        {
            problems.Add(Usage(
                $"say how many cases: --cases N (or --rows a multiple of {1 + perCase}, cases plus {perCase} control{(perCase == 1 ? string.Empty : "s")} each)",
                "add --cases 500"));
            return null;
        }

        var match = s.Match
            .SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(name => Variable(model, name, "--match", problems))
            .OfType<int>()
            .ToImmutableArray();
        return new CaseControlDesign(c, control, cases, perCase, match);
    }

    private static int? Variable(Model model, string name, string source, List<Diagnostic> problems)
    {
        var trimmed = name.Trim();
        if (model.TryGetVariable(trimmed, out var v))
        {
            return v.Index;
        }

        problems.Add(Diagnostic.Error(
            DiagnosticCodes.QueryUnknownVariable,
            new SourceSpan(source, 1, 1),
            $"'{trimmed}' is not a variable of the model",
            NameSuggestion.DidYouMean(trimmed, model.Variables.Select(x => x.Name))));
        return null;
    }

    /// <summary>Splits on commas outside quotes.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote is { } q)
            {
                quote = ch == q ? null : quote;
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (ch == ',')
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static Diagnostic Usage(string message, string? hint) =>
        Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.None, message, hint);
}
