using BenchmarkDotNet.Running;

// Run all:     dotnet run -c Release --project benchmarks/DagSynth.Benchmarks -- --filter '*'
// Run one set: dotnet run -c Release --project benchmarks/DagSynth.Benchmarks -- --filter '*Sampling*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
