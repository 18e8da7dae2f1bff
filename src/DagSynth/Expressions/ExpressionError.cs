namespace DagSynth.Expressions;

/// <summary>A problem in an expression, at a character offset into its text.</summary>
/// <param name="Offset">0-based offset of the offending character.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">The diagnostic code.</param>
public readonly record struct ExpressionError(int Offset, string Message, string Code);
