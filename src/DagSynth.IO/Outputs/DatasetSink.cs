using DagSynth.IO.Csv;
using DagSynth.Models;
using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.IO.Outputs;

/// <summary>
/// Receives the batches of one generation run and writes every file of its datasets: the observed
/// data (dirty when asked), and beside it the clean data and the log of errors, the complete data
/// and the missingness mask; with a split, one such set per part. Rows keep their generated order.
/// </summary>
public sealed class DatasetSink : IPreparingBatchSink, IDisposable
{
    private readonly Model _model;
    private readonly TeachingOptions _options;
    private readonly OutputSchema _data;
    private readonly OutputSchema _mask;
    private readonly SplitAssigner? _assigner;
    private readonly Part[] _parts;
    private readonly List<DirtyLogEntry> _log = [];
    private readonly RowChunk? _maskChunk;
    private int[] _assignment = [];

    /// <summary>Creates the sink and opens its files through <paramref name="open"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="seed">The run's seed (dirty data and splits draw from it).</param>
    /// <param name="options">What to write.</param>
    /// <param name="format">The data format.</param>
    /// <param name="stemOf">The stem of each dataset's files, by split part (null for the whole data).</param>
    /// <param name="extension">The data files' extension, with its dot.</param>
    /// <param name="open">Opens a file for writing (an <see cref="Files.OutputFileSet"/>'s).</param>
    /// <param name="writerOptions">Format options (metadata, codebook sheet).</param>
    public DatasetSink(Model model, ulong seed, TeachingOptions options, DataFormat format, Func<string?, string> stemOf, string extension, Func<string, Stream> open, DataWriterOptions writerOptions = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stemOf);
        ArgumentNullException.ThrowIfNull(open);
        _model = model;
        _options = options;
        _data = OutputSchema.Data(model);
        _mask = OutputSchema.Mask(model);
        _assigner = options.Split?.CreateAssigner(model, seed);
        _maskChunk = options.Mask ? new RowChunk(_mask, 1) : null;
        var names = options.Split is { } split ? split.Names.Select(n => (string?)n).ToArray() : [null];
        _parts = [.. names.Select(name => new Part(this, name, stemOf(name), extension, format, seed, open, writerOptions))];
    }

    /// <summary>Every file written so far: path, role (data, clean, complete, mask, dirty-log) and rows.</summary>
    public IEnumerable<(string Path, string Role, long Rows)> Files => _parts.SelectMany(p => p.Files);

    /// <summary>
    /// The writer that can encode batches on the sampling threads: a delimited (CSV/TSV) data file
    /// with nothing else derived from the rows (no split, dirty data, complete data or mask).
    /// </summary>
    private DelimitedDataWriter? Direct =>
        _assigner is null && _options.Dirty is null && !_options.Complete && _maskChunk is null
            ? _parts[0].Writer as DelimitedDataWriter
            : null;

    /// <inheritdoc/>
    public void Prepare(SampleBatch batch) => Direct?.Prepare(batch);

    /// <inheritdoc/>
    public void Write(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Direct is { } direct)
        {
            direct.Write(batch);
            return;
        }

        var observed = RowChunk.Of(batch, _data, observed: true);
        var complete = _options.Complete ? RowChunk.Of(batch, _data, observed: false) : null;
        var mask = _maskChunk is null ? null : RowChunk.MaskOf(batch, _maskChunk);
        if (_assigner is null)
        {
            _parts[0].Write(observed, complete, mask, _log);
            return;
        }

        if (_assignment.Length < batch.Count)
        {
            _assignment = new int[batch.Capacity];
        }

        _assigner.Assign(batch, _assignment);
        for (var p = 0; p < _parts.Length; p++)
        {
            var rows = new List<int>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (_assignment[i] == p)
                {
                    rows.Add(i);
                }
            }

            var part = _parts[p];
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
            part.Write(
                observed.Select(span, part.ObservedBuffer),
                complete?.Select(span, part.CompleteBuffer),
                mask?.Select(span, part.MaskBuffer),
                _log);
        }
    }

    /// <summary>Completes every file.</summary>
    public void Complete()
    {
        foreach (var part in _parts)
        {
            part.Complete();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var part in _parts)
        {
            part.Dispose();
        }
    }

    private sealed class Part : IDisposable
    {
        private readonly ITableWriter _writer;
        private readonly ITableWriter? _clean;
        private readonly ITableWriter? _complete;
        private readonly ITableWriter? _mask;
        private readonly DirtyDataInjector? _injector;
        private readonly DirtyLogWriter? _log;
        private readonly List<(string Path, string Role, Func<long> Rows)> _files = [];

        public Part(DatasetSink owner, string? name, string stem, string extension, DataFormat format, ulong seed, Func<string, Stream> open, DataWriterOptions writerOptions)
        {
            _ = name;
            var options = owner._options;
            ObservedBuffer = new RowChunk(owner._data, 1);
            CompleteBuffer = new RowChunk(owner._data, 1);
            MaskBuffer = new RowChunk(owner._mask, 1);
            if (options.Dirty is { } dirty)
            {
                _injector = new DirtyDataInjector(owner._model, dirty, seed);
                _writer = Add(stem + extension, "data", format, _injector.Schema, open, writerOptions);
                _clean = Add(stem + ".clean" + extension, "clean", format, owner._data, open, writerOptions);
                var logPath = stem + ".dirty-log.csv";
                _log = new DirtyLogWriter(open(logPath), owner._data);
                var log = _log;
                _files.Add((logPath, "dirty-log", () => log.EntriesWritten));
            }
            else
            {
                _writer = Add(stem + extension, "data", format, owner._data, open, writerOptions);
            }

            if (options.Complete)
            {
                _complete = Add(stem + ".complete" + extension, "complete", format, owner._data, open, writerOptions);
            }

            if (options.Mask)
            {
                _mask = Add(stem + ".mask" + extension, "mask", format, owner._mask, open, writerOptions);
            }
        }

        public ITableWriter Writer => _writer;

        public RowChunk ObservedBuffer { get; }

        public RowChunk CompleteBuffer { get; }

        public RowChunk MaskBuffer { get; }

        public IEnumerable<(string Path, string Role, long Rows)> Files => _files.Select(f => (f.Path, f.Role, f.Rows()));

        public void Write(RowChunk observed, RowChunk? complete, RowChunk? mask, List<DirtyLogEntry> log)
        {
            if (_injector is not null)
            {
                log.Clear();
                _writer.Write(_injector.Apply(observed, log));
                _clean!.Write(observed);
                _log!.Write(log);
            }
            else
            {
                _writer.Write(observed);
            }

            if (complete is not null)
            {
                _complete!.Write(complete);
            }

            if (mask is not null)
            {
                _mask!.Write(mask);
            }
        }

        public void Complete()
        {
            _writer.Complete();
            _clean?.Complete();
            _complete?.Complete();
            _mask?.Complete();
            _log?.Complete();
        }

        public void Dispose()
        {
            _writer.Dispose();
            _clean?.Dispose();
            _complete?.Dispose();
            _mask?.Dispose();
            _log?.Dispose();
        }

        private ITableWriter Add(string path, string role, DataFormat format, OutputSchema schema, Func<string, Stream> open, DataWriterOptions writerOptions)
        {
            var writer = DataWriters.Create(format, open(path), schema, writerOptions);
            _files.Add((path, role, () => writer.RowsWritten));
            return writer;
        }
    }
}
