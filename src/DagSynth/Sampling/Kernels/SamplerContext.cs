using DagSynth.Expressions;

namespace DagSynth.Sampling.Kernels;

/// <summary>Per-thread scratch space for the kernels: the expression evaluator and reusable columns.</summary>
internal sealed class SamplerContext(int capacity, IFakeTextGenerator? faker)
{
    private readonly Stack<double[]> _free = new();

    public int Capacity { get; } = capacity;

    public VectorEvaluator Evaluator { get; } = new(capacity);

    public int[] Configuration { get; } = new int[capacity];

    public IFakeTextGenerator? Faker { get; } = faker;

    public double[] Rent() => _free.Count > 0 ? _free.Pop() : new double[Capacity];

    public void Return(double[] buffer) => _free.Push(buffer);
}
