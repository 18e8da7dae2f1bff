using DagSynth.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli;

/// <summary>The <c>dagsynth</c> command line: parses, dispatches to a command, maps failures to exit codes.</summary>
internal static class DagSynthApp
{
    /// <summary>Runs <c>dagsynth</c> with <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("dagsynth");
            config.SetApplicationVersion(typeof(DagSynthApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            config.ConfigureConsole(CreateConsole(environment.Out, environment.OutIsTerminal));
            config.PropagateExceptions();
            config.CaseSensitivity(CaseSensitivity.All);
            config.UseStrictParsing();

            // The root help's examples, fixed here so that adding a command's examples does not change them.
            config.AddExample("generate", "examples/cvd-risk.yaml", "--rows", "1000", "--out", "cvd.csv");
            config.AddExample("generate", "examples/asia.yaml", "--rows", "10", "--seed", "42");
            config.AddExample("generate", "examples/asia.yaml", "-n", "1000000", "-t", "2", "-o", "asia.tsv", "--force");
            config.AddExample("validate", "examples/cvd-risk.yaml");
            config.AddExample("describe", "examples/asia.yaml");

            config.AddCommand<GenerateCommand>("generate")
                .WithData(environment)
                .WithDescription("Generate a reproducible dataset from a model.")
                .WithExample("generate", "examples/cvd-risk.yaml", "--rows", "1000", "--out", "cvd.csv")
                .WithExample("generate", "examples/asia.yaml", "--rows", "10", "--seed", "42")
                .WithExample("generate", "examples/asia.yaml", "-n", "1000000", "-t", "2", "-o", "asia.tsv", "--force")
                .WithExample("generate", "examples/cvd-risk.yaml", "-n", "1000", "--given", "cvd_10y=true", "--given", "sex=female")
                .WithExample("generate", "examples/cvd-risk.yaml", "--quota", "cvd_10y=true:500", "--quota", "cvd_10y=false:1500", "--weights")
                .WithExample("generate", "examples/cvd-risk.yaml", "--case-control", "cvd_10y=true", "--cases", "500", "--controls-per-case", "3", "--match", "age_group,sex")
                .WithExample("generate", "examples/cvd-risk.yaml", "-n", "1000", "--do", "smoker=false")
                .WithExample("generate", "examples/cvd-risk.yaml", "-n", "1000", "--potential-outcomes", "smoker", "--outcome", "cvd_10y");
            config.AddCommand<ValidateCommand>("validate")
                .WithData(environment)
                .WithDescription("Check a model and report every problem found.")
                .WithExample("validate", "examples/cvd-risk.yaml");
            config.AddCommand<DescribeCommand>("describe")
                .WithData(environment)
                .WithDescription("Show what the data will look like: exact marginals, arc strengths, rules, associations, graph facts.")
                .WithExample("describe", "examples/asia.yaml")
                .WithExample("describe", "examples/asia.yaml", "--json")
                .WithExample("describe", "examples/asia.yaml", "--outcome", "dysp=yes", "--exposure", "smoke=no")
                .WithExample("describe", "examples/asia.yaml", "--do", "smoke=yes")
                .WithExample("describe", "examples/asia.yaml", "--given", "xray=yes", "--variable", "either", "--dsep", "\"tub _||_ lung | either\"");
            config.AddCommand<QueryCommand>("query")
                .WithData(environment)
                .WithDescription("Compute an exact probability: a posterior, a joint posterior, an event or an intervention.")
                .WithExample("query", "examples/asia.yaml", "\"P(lung | smoke=yes, xray=yes)\"")
                .WithExample("query", "examples/asia.yaml", "\"P(lung, bronc | dysp=yes)\"", "--json")
                .WithExample("query", "examples/asia.yaml", "\"P(lung=yes, smoke=no)\"")
                .WithExample("query", "examples/asia.yaml", "\"P(dysp | do(smoke=yes))\"");
            config.AddCommand<CalibrateCommand>("calibrate")
                .WithData(environment)
                .WithDescription("Find the values of the free parameters (fit) that meet the model's targets; report target against achieved.")
                .WithExample("calibrate", "examples/cvd-risk.yaml")
                .WithExample("calibrate", "examples/cvd-risk.yaml", "--out", "cvd-calibrated.yaml")
                .WithExample("calibrate", "model.yaml", "--json", "--simulate-rows", "200000");
            config.AddCommand<ConvertCommand>("convert")
                .WithData(environment)
                .WithDescription("Convert a model between formats, chosen by extension: YAML/JSON, BIF, XMLBIF, Hugin NET, DSC, UAI, XDSL.")
                .WithExample("convert", "alarm.bif", "alarm.yaml")
                .WithExample("convert", "examples/asia.yaml", "asia.net", "--force")
                .WithExample("convert", "examples/cvd-risk.yaml", "cvd-risk.xdsl", "--lossy");
            config.AddCommand<LearnCommand>("learn")
                .WithData(environment)
                .WithDescription("Learn a model's probability tables from data, for a given DAG (BDeu prior or maximum likelihood).")
                .WithExample("learn", "asia.csv", "--dag", "examples/asia.yaml", "--keep-zeros", "--out", "asia-learned.yaml")
                .WithExample("learn", "asia.csv", "--dag", "examples/asia.yaml", "--prior", "bdeu", "--ess", "10", "--keep-zeros", "--out", "asia-learned.bif", "--lossy", "--force")
                .WithExample("learn", "asia.csv", "--dag", "examples/asia.yaml", "--prior", "none", "--out", "asia-ml.yaml");
            config.AddCommand<GraphCommand>("graph")
                .WithData(environment)
                .WithDescription("Draw the model's DAG: SVG (laid out in layers), Graphviz DOT or Mermaid, by the output's extension.")
                .WithExample("graph", "examples/cvd-risk.yaml", "--out", "cvd-risk.svg")
                .WithExample("graph", "examples/asia.yaml", "--out", "asia.dot", "--direction", "tb")
                .WithExample("graph", "examples/asia.yaml", "--out", "asia.mmd", "--edge-labels");
            config.AddCommand<ReportCommand>("report")
                .WithData(environment)
                .WithDescription("Write one self-contained HTML page: the DAG, and what the model declares against what the data show.")
                .WithExample("report", "examples/cvd-risk.yaml", "--out", "cvd-risk.html")
                .WithExample("report", "examples/asia.yaml", "--rows", "100000", "--seed", "7", "--out", "asia.html", "--force")
                .WithExample("report", "examples/cvd-risk.yaml", "--data", "cvd.csv", "--out", "cvd-data.html");
        });

        try
        {
            return app.Run(WithoutStandardOutputOption(args), cancellationToken);
        }
        catch (CommandAppException e)
        {
            environment.Error.WriteLine($"dagsynth: error: {e.Message}");
            environment.Error.WriteLine("  hint: run 'dagsynth --help', or 'dagsynth COMMAND --help' for a command's options and examples");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            environment.Error.WriteLine("dagsynth: interrupted; no output was written");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last line of defence: a bug must not print a stack trace at a user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            environment.Error.WriteLine($"dagsynth: internal error: {e.GetType().Name}: {e.Message}");
            environment.Error.WriteLine("  this is a bug in DagSynth; please report it with the command and the model");
            if (Environment.GetEnvironmentVariable("DAGSYNTH_STACKTRACE") == "1")
            {
                environment.Error.WriteLine(e.ToString());
            }
            return ExitCodes.InternalError;
        }
    }

    /// <summary>A Spectre console over <paramref name="writer"/>; plain text unless it is a terminal.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Help piped to a file or a pager reads better, and is stable for golden tests, at a fixed width.
            console.Profile.Width = 100;
        }

        return console;
    }

    /// <summary>
    /// <c>generate --out -</c> (or <c>-o -</c>, <c>--out=-</c>) means standard output, which is also the
    /// default; the parser would read a lone <c>-</c> as an option without a name, so the pair is dropped.
    /// </summary>
    private static string[] WithoutStandardOutputOption(string[] args)
    {
        if (args is not ["generate", ..])
        {
            return args;
        }

        var kept = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--out" or "-o" && i + 1 < args.Length && args[i + 1] == "-")
            {
                i++;
                continue;
            }

            if (args[i] is "--out=-" or "-o=-")
            {
                continue;
            }

            kept.Add(args[i]);
        }

        return [.. kept];
    }
}
