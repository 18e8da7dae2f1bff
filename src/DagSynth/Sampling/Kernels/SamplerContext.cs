using DagSynth.Expressions;

namespace DagSynth.Sampling.Kernels;

/// <summary>Per-thread scratch space for the kernels: the expression evaluator and reusable columns.</summary>
internal sealed class SamplerContext(int capacity, IFakeTextGenerator? faker, ulong seed = 0, Func<SampleBatch>? scratch = null)
{
    private readonly Stack<double[]> _free = new();
    private SampleBatch? _scratch;

    public int Capacity { get; } = capacity;

    public VectorEvaluator Evaluator { get; } = new(capacity);

    public int[] Configuration { get; } = new int[capacity];

    public IFakeTextGenerator? Faker { get; } = faker;

    /// <summary>The seed, for kernels that key the streams of other variables (potential outcomes).</summary>
    public ulong Seed { get; } = seed;

    /// <summary>A second batch with the plan's columns, for kernels that re-run other variables' kernels.</summary>
    public SampleBatch Scratch => _scratch ??= scratch?.Invoke() ?? throw new InvalidOperationException("this context has no scratch batch");

    public double[] Rent() => _free.Count > 0 ? _free.Pop() : new double[Capacity];

    public void Return(double[] buffer) => _free.Push(buffer);
}
