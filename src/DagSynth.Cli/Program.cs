using DagSynth.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks generation to stop cleanly (and delete its temporary file).
    e.Cancel = true;
    cancellation.Cancel();
};

return DagSynthApp.Run(args, CliEnvironment.FromConsole(), cancellation.Token);
