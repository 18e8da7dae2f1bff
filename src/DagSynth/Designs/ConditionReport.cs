namespace DagSynth.Designs;

/// <summary>How one condition is met.</summary>
/// <param name="Condition">The condition as written.</param>
/// <param name="Method">The method (for a condition of several parts, the least exact of theirs).</param>
public sealed record ConditionReport(string Condition, ConditioningMethod Method);
