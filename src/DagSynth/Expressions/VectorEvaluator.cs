namespace DagSynth.Expressions;

/// <summary>
/// Evaluates bound expressions over a batch of rows, one node at a time over whole columns: the
/// tree is walked once per batch, not once per row, and the inner loops are simple spans. Holds
/// reusable scratch columns, so it allocates nothing once warm; use one instance per thread.
/// </summary>
public sealed class VectorEvaluator
{
    private readonly Stack<double[]> _free = new();
    private readonly int _capacity;

    /// <summary>Creates an evaluator for batches of up to <paramref name="capacity"/> rows.</summary>
    public VectorEvaluator(int capacity) => _capacity = capacity;

    /// <summary>Writes the value of <paramref name="e"/> for every row of <paramref name="columns"/> into <paramref name="output"/>.</summary>
    public void Evaluate(BoundExpr e, IColumnReader columns, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(columns);
        var n = columns.Count;
        output = output[..n];
        switch (e)
        {
            case ConstantExpr c:
                output.Fill(c.Value);
                break;
            case VariableExpr v when v.Access == VariableAccess.Numeric:
                columns.Values(v.Variable)[..n].CopyTo(output);
                break;
            case VariableExpr v:
                {
                    var codes = columns.Codes(v.Variable);
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = codes[i];
                    }

                    break;
                }

            case LevelSetExpr s:
                {
                    var accepts = s.Accepts;
                    if (s.Source is VariableExpr source)
                    {
                        var codes = columns.Codes(source.Variable);
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = accepts[codes[i]] ? 1 : 0;
                        }
                    }
                    else
                    {
                        Evaluate(s.Source, columns, output);
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = accepts[(int)output[i]] ? 1 : 0;
                        }
                    }

                    break;
                }

            case UnaryOpExpr u:
                Evaluate(u.Operand, columns, output);
                if (u.Operator == UnaryOperator.Not)
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = output[i] != 0 ? 0 : 1;
                    }
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = -output[i];
                    }
                }

                break;
            case BinaryOpExpr b:
                EvaluateBinary(b, columns, output);
                break;
            case IfExpr f:
                {
                    var condition = Rent();
                    var other = Rent();
                    Evaluate(f.Condition, columns, condition);
                    Evaluate(f.WhenTrue, columns, output);
                    Evaluate(f.WhenFalse, columns, other);
                    for (var i = 0; i < n; i++)
                    {
                        if (condition[i] == 0)
                        {
                            output[i] = other[i];
                        }
                    }

                    Return(condition);
                    Return(other);
                    break;
                }

            case CallExprBound c:
                EvaluateCall(c, columns, output);
                break;
            case CutExpr c:
                Evaluate(c.Value, columns, output);
                for (var i = 0; i < n; i++)
                {
                    output[i] = c.LevelOf(output[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown expression node");
        }
    }

    private void EvaluateBinary(BinaryOpExpr b, IColumnReader columns, Span<double> output)
    {
        var n = output.Length;
        Evaluate(b.Left, columns, output);
        if (b.Right is ConstantExpr constant)
        {
            var r = constant.Value;
            switch (b.Operator)
            {
                case BinaryOperator.Add:
                    for (var i = 0; i < n; i++)
                    {
                        output[i] += r;
                    }

                    return;
                case BinaryOperator.Subtract:
                    for (var i = 0; i < n; i++)
                    {
                        output[i] -= r;
                    }

                    return;
                case BinaryOperator.Multiply:
                    for (var i = 0; i < n; i++)
                    {
                        output[i] *= r;
                    }

                    return;
                default:
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = ScalarEvaluator.Binary(b.Operator, output[i], r);
                    }

                    return;
            }
        }

        var right = Rent();
        Evaluate(b.Right, columns, right);
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                for (var i = 0; i < n; i++)
                {
                    output[i] += right[i];
                }

                break;
            case BinaryOperator.Subtract:
                for (var i = 0; i < n; i++)
                {
                    output[i] -= right[i];
                }

                break;
            case BinaryOperator.Multiply:
                for (var i = 0; i < n; i++)
                {
                    output[i] *= right[i];
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    output[i] = ScalarEvaluator.Binary(b.Operator, output[i], right[i]);
                }

                break;
        }

        Return(right);
    }

    private void EvaluateCall(CallExprBound c, IColumnReader columns, Span<double> output)
    {
        var n = output.Length;
        if (c.Arguments.Length == 1)
        {
            Evaluate(c.Arguments[0], columns, output);
            for (var i = 0; i < n; i++)
            {
                output[i] = Functions.Apply(c.Function, output[i]);
            }

            return;
        }

        var arguments = new double[c.Arguments.Length][];
        for (var a = 0; a < arguments.Length; a++)
        {
            arguments[a] = Rent();
            Evaluate(c.Arguments[a], columns, arguments[a]);
        }

        Span<double> row = stackalloc double[arguments.Length];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < arguments.Length; a++)
            {
                row[a] = arguments[a][i];
            }

            output[i] = ScalarEvaluator.Call(c.Function, row);
        }

        foreach (var a in arguments)
        {
            Return(a);
        }
    }

    private double[] Rent() => _free.Count > 0 ? _free.Pop() : new double[_capacity];

    private void Return(double[] buffer) => _free.Push(buffer);
}
