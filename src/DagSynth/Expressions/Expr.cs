using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>
/// A node of a parsed expression. <see cref="Start"/> and <see cref="Length"/> are character offsets
/// into the expression's text, so that a diagnostic can point at the exact column.
/// </summary>
/// <param name="Start">Offset of the node's first character.</param>
/// <param name="Length">Number of characters the node spans.</param>
public abstract record Expr(int Start, int Length);

/// <summary>A number literal.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Value">The number.</param>
public sealed record NumberExpr(int Start, int Length, double Value) : Expr(Start, Length);

/// <summary>A quoted string, used for level names: <c>"male"</c>.</summary>
/// <param name="Start">Offset of the opening quote.</param>
/// <param name="Length">Length including the quotes.</param>
/// <param name="Value">The unquoted text.</param>
public sealed record StringExpr(int Start, int Length, string Value) : Expr(Start, Length);

/// <summary>The literal <c>true</c> or <c>false</c>.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Value">The value.</param>
public sealed record BooleanExpr(int Start, int Length, bool Value) : Expr(Start, Length);

/// <summary>A name: a variable or a parameter.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Length in characters (including backquotes, if any).</param>
/// <param name="Name">The name.</param>
public sealed record NameExpr(int Start, int Length, string Name) : Expr(Start, Length);

/// <summary>A prefix operator: <c>not x</c> or <c>-x</c>.</summary>
/// <param name="Start">Offset of the operator.</param>
/// <param name="Length">Length up to the end of the operand.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
public sealed record UnaryExpr(int Start, int Length, UnaryOperator Operator, Expr Operand) : Expr(Start, Length);

/// <summary>An infix operator.</summary>
/// <param name="Start">Offset of the left operand.</param>
/// <param name="Length">Length up to the end of the right operand.</param>
/// <param name="Operator">The operator.</param>
/// <param name="OperatorStart">Offset of the operator itself, for diagnostics.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record BinaryExpr(int Start, int Length, BinaryOperator Operator, int OperatorStart, Expr Left, Expr Right)
    : Expr(Start, Length);

/// <summary>A membership test: <c>x in ["a", "b"]</c> (or <c>not in</c>).</summary>
/// <param name="Start">Offset of the tested value.</param>
/// <param name="Length">Length up to the closing bracket.</param>
/// <param name="Value">The tested value.</param>
/// <param name="Items">The list.</param>
/// <param name="Negated">Whether this is <c>not in</c>.</param>
public sealed record InExpr(int Start, int Length, Expr Value, ImmutableArray<Expr> Items, bool Negated) : Expr(Start, Length);

/// <summary>A function call: <c>max(a, b)</c>.</summary>
/// <param name="Start">Offset of the function name.</param>
/// <param name="Length">Length up to the closing parenthesis.</param>
/// <param name="Function">The function's name.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record CallExpr(int Start, int Length, string Function, ImmutableArray<Expr> Arguments) : Expr(Start, Length);

/// <summary>A bracketed list, as an argument: <c>[1, 2, 3]</c>.</summary>
/// <param name="Start">Offset of the opening bracket.</param>
/// <param name="Length">Length up to the closing bracket.</param>
/// <param name="Items">The items.</param>
public sealed record ListExpr(int Start, int Length, ImmutableArray<Expr> Items) : Expr(Start, Length);

/// <summary>Prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary>Logical negation, <c>not</c>.</summary>
    Not,

    /// <summary>Arithmetic negation, <c>-</c>.</summary>
    Negate,
}

/// <summary>Infix operators, from the loosest binding to the tightest.</summary>
public enum BinaryOperator
{
    /// <summary><c>or</c>.</summary>
    Or,

    /// <summary><c>and</c>.</summary>
    And,

    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>+</c>.</summary>
    Add,

    /// <summary><c>-</c>.</summary>
    Subtract,

    /// <summary><c>*</c>.</summary>
    Multiply,

    /// <summary><c>/</c>.</summary>
    Divide,

    /// <summary><c>^</c> (right-associative).</summary>
    Power,
}
