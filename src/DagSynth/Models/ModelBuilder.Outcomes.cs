using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>
    /// Binds <c>outcomes:</c>: each outcome and exposure names a discrete variable, optionally with a
    /// level (<c>VARIABLE=LEVEL</c>); the outcome's level defaults to its event level
    /// (<see cref="LevelRoles.EventLevel"/>), an exposure's to its reference level.
    /// </summary>
    private ImmutableArray<DeclaredOutcome> BuildOutcomes(ImmutableArray<Variable> variables)
    {
        if (_spec.Outcomes.IsDefaultOrEmpty)
        {
            return [];
        }

        var byName = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<DeclaredOutcome>();
        var seen = new HashSet<int>();
        foreach (var spec in _spec.Outcomes)
        {
            if (BindLevel(spec.Outcome, byName, "an outcome", LevelRoles.EventLevel) is not { } outcome)
            {
                continue;
            }

            if (!seen.Add(outcome.Variable))
            {
                _diagnostics.Error(DiagnosticCodes.BadOutcome, spec.Outcome.Span, $"'{variables[outcome.Variable].Name}' is declared as an outcome twice");
                continue;
            }

            var exposures = ImmutableArray.CreateBuilder<LevelAssignment>();
            var ok = true;
            foreach (var text in spec.Exposures)
            {
                if (BindLevel(text, byName, "an exposure", LevelRoles.ReferenceLevel) is not { } exposure)
                {
                    ok = false;
                }
                else if (exposure.Variable == outcome.Variable)
                {
                    _diagnostics.Error(DiagnosticCodes.BadOutcome, text.Span, $"'{variables[outcome.Variable].Name}' is the outcome; it cannot also be one of its exposures");
                    ok = false;
                }
                else if (exposures.Any(e => e.Variable == exposure.Variable))
                {
                    _diagnostics.Error(DiagnosticCodes.BadOutcome, text.Span, $"exposure '{variables[exposure.Variable].Name}' is listed twice for '{variables[outcome.Variable].Name}'");
                    ok = false;
                }
                else
                {
                    exposures.Add(exposure);
                }
            }

            if (ok)
            {
                result.Add(new DeclaredOutcome(outcome, exposures.ToImmutable(), spec.Outcome.Span));
            }
        }

        return result.ToImmutable();
    }

    private LevelAssignment? BindLevel(Located<string> text, Dictionary<string, Variable> byName, string role, Func<Variable, int> defaultLevel)
    {
        var value = text.Value.Trim();
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? value : value[..equals]).Trim();
        var level = equals < 0 ? null : value[(equals + 1)..].Trim();
        if (!byName.TryGetValue(name, out var variable))
        {
            _diagnostics.Error(
                DiagnosticCodes.BadOutcome,
                text.Span,
                $"'{name}' is not a variable of the model, so it cannot be {role}",
                NameSuggestion.DidYouMean(name, byName.Keys.Order(StringComparer.Ordinal)));
            return null;
        }

        if (!variable.IsDiscrete)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadOutcome,
                text.Span,
                $"'{name}' is not discrete, so it cannot be {role}",
                "outcomes and exposures are variables with levels; cut a number into bands with a derived variable");
            return null;
        }

        if (level is null)
        {
            return new LevelAssignment(variable.Index, defaultLevel(variable));
        }

        var code = variable.LevelIndex(level);
        if (code < 0)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadOutcome,
                text.Span,
                $"'{name}' has no level '{level}' (its levels: {string.Join(", ", variable.Levels)})",
                NameSuggestion.DidYouMean(level, variable.Levels));
            return null;
        }

        return new LevelAssignment(variable.Index, code);
    }
}
