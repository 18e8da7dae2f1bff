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

/// <summary>
/// A sink that does part of its work on the sampling threads: <see cref="Prepare"/> is called on a
/// sampling thread for each batch, concurrently for different batches, before
/// <see cref="IBatchSink.Write"/> receives the batch on the writing thread. Formatting rows there
/// keeps the single writing thread from holding the samplers back.
/// </summary>
public interface IPreparingBatchSink : IBatchSink
{
    /// <summary>
    /// Prepares <paramref name="batch"/> (for example, encodes its rows), storing the result in
    /// <see cref="SampleBatch.Prepared"/>. Must be safe to call from several threads at once.
    /// </summary>
    void Prepare(SampleBatch batch);
}
