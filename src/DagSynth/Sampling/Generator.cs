using System.Collections.Concurrent;

namespace DagSynth.Sampling;

/// <summary>
/// Runs generation: sampling threads fill batches, and the calling thread hands them to the sink in
/// row order. Worker w fills batches w, w + T, w + 2T, ... into its own bounded queue, so memory is
/// constant (a few batches per worker) whatever the number of rows, and the order is fixed without
/// a reorder buffer. Because every cell is keyed by its global row, the bytes written do not depend
/// on the number of threads or the batch size.
/// </summary>
public static class Generator
{
    private const int QueueDepth = 2;

    /// <summary>Generates <see cref="GenerationOptions.Rows"/> rows of <paramref name="plan"/> into <paramref name="sink"/>.</summary>
    /// <param name="plan">The compiled model.</param>
    /// <param name="options">Rows, seed, threads and batch size.</param>
    /// <param name="sink">Receives batches in row order on the calling thread.</param>
    /// <param name="progress">Told the number of rows written after each batch.</param>
    /// <param name="cancellationToken">Stops generation; the sink has then received a prefix of the rows.</param>
    /// <returns>How the run ended: complete, or stopped at a rule violation.</returns>
    public static GenerationResult Run(
        SamplingPlan plan,
        GenerationOptions options,
        IBatchSink sink,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);

        var batchCount = (options.Rows + options.BatchSize - 1) / options.BatchSize;
        var threads = (int)Math.Min(options.Threads, Math.Max(1, batchCount));
        return batchCount <= 1
            ? RunInline(plan, options, sink, progress, cancellationToken)
            : RunParallel(plan, options, threads, batchCount, sink, progress, cancellationToken);
    }

    private static GenerationResult RunInline(SamplingPlan plan, GenerationOptions options, IBatchSink sink, IProgress<long>? progress, CancellationToken ct)
    {
        var sampler = new Sampler(plan, options.Seed);
        var batch = new SampleBatch(plan, (int)Math.Max(1, Math.Min(options.BatchSize, options.Rows)));
        long written = 0;
        long attempts = 0;
        while (written < options.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var count = (int)Math.Min(batch.Capacity, options.Rows - written);
            sampler.Fill(batch, options.FirstRow + written, count);
            if (batch.Failure is null && sink is IPreparingBatchSink preparing)
            {
                preparing.Prepare(batch);
            }

            if (batch.Failure is { } v)
            {
                return new GenerationResult(written, v) { Attempts = attempts };
            }

            sink.Write(batch);
            written += count;
            attempts += batch.Attempts;
            progress?.Report(written);
        }

        return new GenerationResult(written, null) { Attempts = attempts };
    }

    private static GenerationResult RunParallel(
        SamplingPlan plan,
        GenerationOptions options,
        int threads,
        long batchCount,
        IBatchSink sink,
        IProgress<long>? progress,
        CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var full = new BlockingCollection<SampleBatch>[threads];
        var free = new BlockingCollection<SampleBatch>[threads];
        var failures = new Exception?[threads];
        var preparing = sink as IPreparingBatchSink;
        var workers = new Thread[threads];
        for (var w = 0; w < threads; w++)
        {
            full[w] = new BlockingCollection<SampleBatch>(QueueDepth + 1);
            free[w] = new BlockingCollection<SampleBatch>(QueueDepth + 1);
            for (var b = 0; b < QueueDepth + 1; b++)
            {
                free[w].Add(new SampleBatch(plan, options.BatchSize), CancellationToken.None);
            }

            var worker = w;
            workers[w] = new Thread(() => Work(worker))
            {
                IsBackground = true,
                Name = $"dagsynth-sampler-{w}",
            };
            workers[w].Start();
        }

        void Work(int w)
        {
            try
            {
                var sampler = new Sampler(plan, options.Seed);
                for (var k = (long)w; k < batchCount; k += threads)
                {
                    var batch = free[w].Take(stop.Token);
                    var first = k * options.BatchSize;
                    var count = (int)Math.Min(options.BatchSize, options.Rows - first);
                    sampler.Fill(batch, options.FirstRow + first, count);
                    if (batch.Failure is null && preparing is not null)
                    {
                        preparing.Prepare(batch);
                    }

                    full[w].Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped: nothing more is wanted.
            }
            catch (Exception e)
            {
                failures[w] = e;
            }
            finally
            {
                full[w].CompleteAdding();
            }
        }

        long written = 0;
        long attempts = 0;
        try
        {
            for (long k = 0; k < batchCount; k++)
            {
                var w = (int)(k % threads);
                if (!full[w].TryTake(out var batch, Timeout.Infinite, stop.Token))
                {
                    throw new InvalidOperationException("a sampling thread stopped early", failures[w]);
                }

                if (batch.Failure is { } v)
                {
                    return new GenerationResult(written, v) { Attempts = attempts };
                }

                sink.Write(batch);
                written += batch.Count;
                attempts += batch.Attempts;
                free[w].Add(batch, stop.Token);
                progress?.Report(written);
            }

            return new GenerationResult(written, null) { Attempts = attempts };
        }
        finally
        {
            stop.Cancel();
            foreach (var t in workers)
            {
                t.Join();
            }

            for (var w = 0; w < threads; w++)
            {
                full[w].Dispose();
                free[w].Dispose();
            }
        }
    }
}
