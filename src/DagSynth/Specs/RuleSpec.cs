using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>A declared rule as written, such as <c>never: treated and not hypertension</c>.</summary>
/// <param name="Span">Where the rule is written.</param>
/// <param name="Kind">The rule's kind (<c>never</c>).</param>
/// <param name="Expression">The condition's text, with the place where the text starts.</param>
/// <param name="Name">An optional name for reports.</param>
public sealed record RuleSpec(SourceSpan Span, Located<string> Kind, Located<string> Expression, string? Name = null);
