using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

public sealed partial class InferenceEngine
{
    /// <summary>Above this many observations, impossible evidence is reported without looking for the culprit.</summary>
    private const int MaxExplainedEvidence = 16;

    /// <summary>
    /// The DS0401 diagnostic for impossible evidence, saying which observations conflict and, when a
    /// single table rules them out, which table: the observations are shrunk to a minimal impossible
    /// subset (dropping each one that is not needed for the conflict, on exact 0/1 tables).
    /// </summary>
    internal Diagnostic ExplainImpossible(Evidence evidence)
    {
        var message = evidence.IsEmpty
            ? "the event has probability 0"
            : $"the evidence ({evidence.Describe(Model)}) has probability 0";
        var core = evidence.Count <= MaxExplainedEvidence ? MinimalConflict(evidence) : null;
        if (core is not null)
        {
            if (core.Count < evidence.Count)
            {
                message += core.Count == 1
                    ? $": {core.Describe(Model)} is impossible on its own"
                    : $": {core.Describe(Model)} cannot happen together";
            }

            if (Culprit(core) is { } because)
            {
                message += $" ({because})";
            }
        }

        return Diagnostic.Error(
            DiagnosticCodes.ImpossibleEvidence,
            Model.Location,
            message,
            "the model rules this combination out (a structural zero); drop or change an observation");
    }

    /// <summary>A subset of the evidence that is impossible on its own and possible without any one of its members.</summary>
    private Evidence? MinimalConflict(Evidence evidence)
    {
        var core = evidence;
        foreach (var a in evidence)
        {
            var smaller = core.Without(a.Variable);
            switch (IsPossible(smaller))
            {
                case false:
                    core = smaller;
                    break;
                case null:
                    return null;
            }
        }

        return core;
    }

    /// <summary>
    /// A table that by itself forbids the conflicting observations, described for people: an
    /// observed variable whose table gives the observed level probability 0 in every row that agrees
    /// with the other observations on its parents.
    /// </summary>
    private string? Culprit(Evidence core)
    {
        foreach (var a in core)
        {
            var variable = Model.Variables[a.Variable];
            var table = ((CptConditional)variable.Conditional).Table;
            var parentLevels = new int[variable.Parents.Length];
            var fixedParents = new List<LevelAssignment>();
            var allZero = true;
            for (var row = 0; row < table.RowCount && allZero; row++)
            {
                table.LevelsOf(row, parentLevels);
                var agrees = true;
                for (var j = 0; j < parentLevels.Length; j++)
                {
                    if (core.TryGetLevel(variable.Parents[j], out var level) && level != parentLevels[j])
                    {
                        agrees = false;
                        break;
                    }
                }

                allZero &= !agrees || table.Row(row)[a.Level] == 0;
            }

            if (!allZero)
            {
                continue;
            }

            foreach (var p in variable.Parents)
            {
                if (core.TryGetLevel(p, out var level))
                {
                    fixedParents.Add(new LevelAssignment(p, level));
                }
            }

            var when = fixedParents.Count > 0 ? $" whenever {LevelAssignment.Describe(Model, fixedParents)}" : variable.Parents.IsEmpty ? string.Empty : " for every configuration of its parents";
            return $"the table of '{variable.Name}' gives {a.Describe(Model)} probability 0{when}";
        }

        return null;
    }
}
