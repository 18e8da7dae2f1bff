using System.Diagnostics;
using Microsoft.Playwright;

namespace DagSynth.Reports.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET (Playwright's own browser download does not work
/// here). When <c>/usr/bin/chromium</c> is missing and the tests run as root on Debian, it is
/// installed with <c>apt-get install -y chromium</c> (as CI, on a fresh machine, needs); otherwise
/// the browser tests are skipped with the reason. <c>DAGSYNTH_CHROMIUM</c> names another binary.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>The flags Chromium needs here: headless as root, and quiet on a closed network.</summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    /// <summary>The browser, when one could be started.</summary>
    public IBrowser? Browser { get; private set; }

    /// <summary>Why the browser tests are skipped, when they are.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The Chromium binary.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("DAGSYNTH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            SkipReason = await TryInstallAsync();
            if (SkipReason is not null)
            {
                return;
            }
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException e)
        {
            SkipReason = $"Chromium ({ExecutablePath}) did not start: {e.Message}";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static async Task<string?> TryInstallAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
        {
            return $"{ExecutablePath} is missing and this is not a Debian-like system; install Chromium or set DAGSYNTH_CHROMIUM";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return $"{ExecutablePath} is missing and the tests do not run as root; run 'apt-get install -y chromium' first";
        }

        var (ok, output) = await RunAsync("/bin/sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
        return !ok ? $"installing Chromium with apt-get failed: {Tail(output)}"
            : File.Exists(ExecutablePath) ? null
            : $"apt-get installed chromium, but {ExecutablePath} is still missing";
    }

    private static async Task<(bool Ok, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (false, "timed out after 10 minutes");
        }

        return (process.ExitCode == 0, await output + await error);
    }

    private static string Tail(string text) => text.Length <= 400 ? text.Trim() : text[^400..].Trim();
}
