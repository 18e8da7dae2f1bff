using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// Reads one condition as written after <c>--given</c>: either an assignment <c>VARIABLE=level</c>
/// of a discrete variable (a single <c>=</c>, the query grammar's), or a boolean expression of the
/// model's language (<c>sbp &gt;= 140</c>, <c>stage in ["III", "IV"]</c>, <c>smoker and age &lt; 50</c>).
/// Problems are diagnostics with the column of the offending character.
/// </summary>
public static partial class EvidenceParser
{
    /// <summary>Parses <paramref name="text"/> against <paramref name="model"/>: exactly one of the two results is set when there are no diagnostics.</summary>
    /// <param name="text">The condition.</param>
    /// <param name="model">The model whose variables it names.</param>
    /// <param name="source">The name diagnostics give the text's source (such as <c>--given</c>).</param>
    public static (LevelAssignment? Level, EvidencePredicate? Predicate, ImmutableArray<Diagnostic> Diagnostics) Parse(string text, Model model, string source = "--given")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        if (SingleEquals().Match(text) is { Success: true } equals)
        {
            var name = text[..equals.Index].Trim().Trim('"', '\'', '`');
            if (model.TryGetVariable(name, out var variable) && !variable.IsDiscrete)
            {
                return (null, null, [Diagnostic.Error(
                    DiagnosticCodes.BadArgument,
                    new SourceSpan(source, 1, equals.Index + 1),
                    $"'{variable.Name}' is {(variable.Kind == VariableKind.Date ? "a date" : "a number")}: fix it with a comparison, not '='",
                    $"write a condition such as \"{variable.Name} >= ...\" or \"{variable.Name} < ...\", or use --do {variable.Name}=VALUE to set it")]);
            }

            var (assignment, diagnostics) = QueryParser.ParseAssignment(text, model, levelRequired: true, source);
            return (assignment, null, diagnostics);
        }

        var (bound, errors) = ExpressionBinder.Bind(text, ScopeOf(model));
        if (bound is null)
        {
            return (null, null, [.. errors.Select(e => Diagnostic.Error(e.Code, new SourceSpan(source, 1, e.Offset + 1), e.Message))]);
        }

        if (bound.Type != ExprType.Boolean)
        {
            return (null, null, [Diagnostic.Error(
                DiagnosticCodes.TypeMismatch,
                new SourceSpan(source, 1, 1),
                $"'{text}' is not a condition (it gives a {bound.Type.ToString().ToLowerInvariant()}, not true or false)",
                "write VARIABLE=level, or a comparison such as \"sbp >= 140\"")]);
        }

        return (null, new EvidencePredicate(text, bound), []);
    }

    /// <summary>
    /// Parses an intervention written <c>VARIABLE=value</c> (as after <c>--do</c>): a level of a
    /// discrete variable, a number for a continuous or count variable, or a date <c>yyyy-mm-dd</c>
    /// (or a day number) for a date variable.
    /// </summary>
    public static (InterventionSetting? Setting, ImmutableArray<Diagnostic> Diagnostics) ParseIntervention(string text, Model model, string source = "--do")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.QuerySyntax, new SourceSpan(source, 1, text.Length + 1), "expected '=' and a value", "write VARIABLE=value, such as treated=true or sbp=120")]);
        }

        var name = text[..equals].Trim().Trim('"', '\'', '`');
        if (!model.TryGetVariable(name, out var variable) || variable.IsDiscrete)
        {
            var (assignment, diagnostics) = QueryParser.ParseAssignment(text, model, levelRequired: true, source);
            return (assignment is { } a ? InterventionSetting.Level(a.Variable, a.Level) : null, diagnostics);
        }

        var valueText = text[(equals + 1)..].Trim();
        var column = equals + 2;
        double value;
        if (variable.Kind == VariableKind.Date && DateOnly.TryParseExact(valueText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            value = date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        }
        else if (!double.TryParse(valueText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            return (null, [Diagnostic.Error(
                DiagnosticCodes.QuerySyntax,
                new SourceSpan(source, 1, column),
                $"'{valueText}' is not a {(variable.Kind == VariableKind.Date ? "date (yyyy-mm-dd)" : "number")}, which '{variable.Name}' needs")]);
        }

        if (Intervention.CheckValue(variable, value) is { } problem)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.BadArgument, new SourceSpan(source, 1, column), problem)]);
        }

        return (InterventionSetting.Number(variable.Index, value), []);
    }

    /// <summary>The names an expression about <paramref name="model"/> may use: its variables (all but fake text) and parameters.</summary>
    public static BindingScope ScopeOf(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var variables = model.Variables
            .Where(v => v.Kind != VariableKind.Text)
            .ToDictionary(
                v => v.Name,
                v => new ScopeVariable(
                    v.Name,
                    v.Index,
                    v.Kind.ExpressionType(),
                    v.Levels.IsDefault ? [] : v.Levels),
                StringComparer.Ordinal);
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in model.Parameters)
        {
            parameters[name] = value;
        }

        return new BindingScope(variables, parameters);
    }

    /// <summary>A lone '=' (not part of ==, &lt;=, &gt;=, !=).</summary>
    [GeneratedRegex("(?<![=<>!])=(?!=)")]
    private static partial Regex SingleEquals();
}
