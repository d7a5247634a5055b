using System.Diagnostics;
using BenchmarkDotNet.Running;
using Jackpot.Reactive.Benchmarks;

// quick | full [--out-of-process] | loopback [--full] | scale [--full] | BenchmarkDotNet arguments (e.g. --filter '*Parser*')
string command = args.Length > 0 ? args[0] : "help";
return command switch
{
    "quick" => await SuiteRunner.RunAsync(full: false, outOfProcess: false).ConfigureAwait(false),
    "full" => await SuiteRunner.RunAsync(full: true, outOfProcess: args.Contains("--out-of-process")).ConfigureAwait(false),
    "loopback" => await SuiteRunner.RunLoopbackAsync(args.Contains("--full") ? HarnessSettings.Full : HarnessSettings.Quick).ConfigureAwait(false),
    "scale" => await SuiteRunner.RunScaleAsync(args.Contains("--full") ? HarnessSettings.Full : HarnessSettings.Quick).ConfigureAwait(false),
    "help" or "--help" or "-h" => Help(),
    _ => RunSwitcher(args),
};

static int Help()
{
    Console.WriteLine(SuiteRunner.Usage);
    return 0;
}

static int RunSwitcher(string[] args)
{
    var stopwatch = Stopwatch.StartNew();
    BenchmarkSwitcher.FromTypes(MicroBenchmarks.All).Run(args, BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithBuildTimeout(MicroBenchmarks.BuildTimeout));
    Console.WriteLine($"Done in {stopwatch.Elapsed:mm\\:ss}.");
    return 0;
}
