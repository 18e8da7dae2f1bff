using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Designs;

public sealed partial class StudyDesign
{
    /// <summary>Checks the request's shape against the model, reporting each problem.</summary>
    private static void CheckShape(Model world, DesignRequest request, Action<string, string?> bad)
    {
        if (!request.Quotas.IsEmpty && request.CaseControl is not null)
        {
            bad("quotas and a case-control design cannot be combined", "a case-control design is itself a pair of quotas: use one or the other");
        }

        if (request.Quotas.IsEmpty && request.CaseControl is null && request.Weights)
        {
            bad("weights need a design that selects on strata (quotas or case-control); rows of a plain design all weigh the same", null);
        }

        if (request.Quotas.Length > MaxStrata)
        {
            bad($"a design may have at most {MaxStrata} strata", null);
        }

        foreach (var q in request.Quotas)
        {
            if (q.Rows < 0)
            {
                bad($"quota '{q.Label(world)}' asks for {q.Rows} rows", null);
            }

            if (q.Levels.IsEmpty || q.Levels.Any(a => !world.Variables[a.Variable].IsDiscrete))
            {
                bad($"quota '{q.Label(world)}' must fix one or more discrete variables to levels", null);
            }
            else if (q.Levels.Select(a => a.Variable).Distinct().Count() != q.Levels.Length)
            {
                bad($"quota '{q.Label(world)}' names a variable twice", null);
            }
        }

        for (var i = 0; i < request.Quotas.Length; i++)
        {
            for (var j = i + 1; j < request.Quotas.Length; j++)
            {
                var a = request.Quotas[i].Levels;
                var b = request.Quotas[j].Levels;
                if (!a.Any(x => b.Any(y => y.Variable == x.Variable && y.Level != x.Level)))
                {
                    bad(
                        $"quotas '{request.Quotas[i].Label(world)}' and '{request.Quotas[j].Label(world)}' overlap: a row could belong to both",
                        "strata must exclude one another: give them different levels of a common variable");
                }
            }
        }

        if (request.CaseControl is { } cc)
        {
            var variable = world.Variables[cc.Case.Variable];
            if (cc.Control.Variable != cc.Case.Variable || cc.Control.Level == cc.Case.Level)
            {
                bad($"controls must be another level of the case variable '{variable.Name}'", null);
            }

            if (cc.Cases < 0 || cc.ControlsPerCase < 1)
            {
                bad("a case-control design needs 0 or more cases and 1 or more controls per case", null);
            }

            if (cc.Match.Contains(cc.Case.Variable))
            {
                bad($"the case variable '{variable.Name}' cannot also be a matching variable", null);
            }

            if (cc.Match.Distinct().Count() != cc.Match.Length || cc.Match.Any(m => !world.Variables[m].IsDiscrete))
            {
                bad("matching variables must be distinct discrete variables", null);
            }
            else if (cc.Match.Aggregate(1L, (acc, m) => acc * world.Variables[m].Cardinality) + 1 > MaxStrata)
            {
                bad($"the matching variables have more than {MaxStrata - 1} strata", "match on fewer variables, or on coarser ones");
            }
        }

        var names = new HashSet<string>(world.Variables.Select(v => v.Name), StringComparer.Ordinal);
        void Claim(string name)
        {
            if (!names.Add(name))
            {
                bad($"the column '{name}' that the design adds is already a variable's (or another added column's) name", null);
            }
        }

        if (!request.Quotas.IsEmpty || request.CaseControl is not null)
        {
            Claim(request.StratumColumn);
            if (request.Weights)
            {
                Claim(request.WeightColumn);
            }
        }

        if (request.PotentialOutcomes is { } po)
        {
            var treatment = world.Variables[po.Treatment];
            if (!treatment.IsDiscrete)
            {
                bad($"the treatment '{treatment.Name}' must be discrete (potential outcomes are one column per level)", null);
                return;
            }

            if (request.Interventions.Any(s => s.Variable == po.Treatment))
            {
                bad($"the treatment '{treatment.Name}' is also intervened on, so it has a single potential outcome", "drop --do on the treatment (or use --randomize for a trial)");
            }

            if (po.Outcomes.IsEmpty)
            {
                bad("potential outcomes need one or more outcomes", null);
            }

            var downstream = DagAnalysis.Descendants(world, po.Treatment).ToHashSet();
            foreach (var y in po.Outcomes)
            {
                if (y == po.Treatment || world.Variables[y].Kind == VariableKind.Text)
                {
                    bad($"'{world.Variables[y].Name}' cannot be an outcome of '{treatment.Name}'", null);
                    continue;
                }

                for (var level = 0; level < treatment.Cardinality; level++)
                {
                    Claim(PotentialOutcomeRequest.ColumnName(world, y, po.Treatment, level));
                }
            }

            var conditioned = request.Given.Levels.Select(a => a.Variable)
                .Concat(request.Given.Predicates.SelectMany(p => p.Expression.Variables()))
                .Concat(request.Quotas.SelectMany(q => q.Levels.Select(a => a.Variable)))
                .Concat(request.CaseControl is { } c ? c.Match.Append(c.Case.Variable) : [])
                .Distinct()
                .Where(downstream.Contains)
                .Select(v => world.Variables[v].Name)
                .ToList();
            if (conditioned.Count > 0)
            {
                bad(
                    $"potential outcomes of '{treatment.Name}' given conditions on its descendants ({string.Join(", ", conditioned)}) need counterfactual inference, which DagSynth does not do",
                    "condition only on the treatment and variables not downstream of it");
            }
        }
    }

    /// <summary>A case could fall in a matching stratum where no control can: DS0401 before anything is generated (when the variables are in the exact part).</summary>
    private static Diagnostic? CheckMatching(Model world, DesignRequest request, CaseControlDesign cc)
    {
        if (cc.Match.IsEmpty || !request.Given.Predicates.IsEmpty || cc.Cases == 0)
        {
            return null;
        }

        // Only provable on the exact part; elsewhere a control stratum that cannot be met stops its
        // rows by the bound on rejection (DS0411).
        var part = DiscretePart.Of(world);
        if (!cc.Match.Append(cc.Case.Variable).Concat(request.Given.Levels.Select(a => a.Variable)).All(part.IsExact))
        {
            return null;
        }

        var engine = InferenceEngine.Create(world, request.Conditioning.Inference);
        var targets = cc.Match.ToArray();
        var cases = engine.Query(targets, Evidence.Of(request.Given.Levels.Append(cc.Case)));
        var controls = engine.Query(targets, Evidence.Of(request.Given.Levels.Append(cc.Control)));
        if (cases.Posterior is not { } p || !cases.Succeeded)
        {
            return null;
        }

        var q = controls.Posterior;
        var levels = new int[targets.Length];
        for (var i = 0; i < p.Count; i++)
        {
            if (p.Values[i] > 0 && (q is null || q.Values[i] == 0))
            {
                p.LevelsOf(i, levels);
                var stratum = LevelAssignment.Describe(world, targets.Select((t, j) => new LevelAssignment(t, levels[j])));
                return Diagnostic.Error(
                    DiagnosticCodes.ImpossibleEvidence,
                    world.Location,
                    string.Create(CultureInfo.InvariantCulture, $"no control can match the cases with {stratum}: P({cc.Control.Describe(world)}, {stratum}) = 0, yet {p.Values[i]:P3} of cases fall there"),
                    "match on other variables, or coarser ones");
            }
        }

        return null;
    }
}
