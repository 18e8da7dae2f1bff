namespace DagSynth.Sampling;

/// <summary>
/// Receives generated batches in row order, on one thread. A sink must copy what it needs before
/// returning: the batch is refilled afterwards.
/// </summary>
public interface IBatchSink
{
    /// <summary>Consumes one batch.</summary>
    void Write(SampleBatch batch);
}
