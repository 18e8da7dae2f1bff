using BenchmarkDotNet.Running;
using DagSynth.Benchmarks;
using DagSynth.IO.Formats;

// Run all:     dotnet run -c Release --project benchmarks/DagSynth.Benchmarks -- --filter '*'
// Run one set: dotnet run -c Release --project benchmarks/DagSynth.Benchmarks -- --filter '*Sampling*' --job short
// Write a benchmark network as BIF (for the C baseline): ... -- write-network generated-200x60 /tmp/g.bif
if (args is ["write-network", var network, var path])
{
    var (text, diagnostics) = ModelWriter.WriteToString(SamplingBenchmarks.Load(network), ModelFormat.Bif);
    if (text is null)
    {
        Console.Error.WriteLine(string.Join('\n', diagnostics));
        return 1;
    }

    File.WriteAllText(path, text);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
