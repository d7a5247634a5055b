using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>The BenchmarkDotNet part of <c>quick</c> and <c>full</c>: which classes, which jobs, and their results.</summary>
internal static class MicroBenchmarks
{
    /// <summary>Building BenchmarkDotNet's generated project can take minutes on a busy machine.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public static Type[] All { get; } =
    [
        typeof(ParserBenchmarks),
        typeof(DecodeBenchmarks),
        typeof(OperatorBenchmarks),
        typeof(PipelineBenchmarks),
        typeof(SubscribeBenchmarks),
    ];

    /// <summary>In process (no project to build), 11 iterations of about 100 ms after 2 warm-ups, timed by the thread's CPU
    /// time where the platform has it (<see cref="ThreadCpuClock"/>), else by the wall clock; only the benchmarks the
    /// goals table reads.</summary>
    public static IConfig Quick() => DefaultConfig.Instance
        .AddJob(WithCpuClock(Job.Default)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(5), logOutput: false))
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(11)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithEvaluateOverhead(false)
            .WithId("Quick"))
        .AddFilter(new NameFilter(name => !QuickSkips.Contains(name)))
        .WithOptions(ConfigOptions.JoinSummary);

    /// <summary>Benchmarks the goals table does not read, left out of the quick run to keep it short.</summary>
    private static readonly HashSet<string> QuickSkips =
    [
        nameof(ParserBenchmarks.SseEventParser_LongLived_DataOnly),
        nameof(OperatorBenchmarks.RxGroupBySample),
        nameof(OperatorBenchmarks.RxGroupByThrottle),
        nameof(OperatorBenchmarks.ThrottleValues),
        nameof(OperatorBenchmarks.NaiveScanInstanceChanges),
        nameof(OperatorBenchmarks.DetectInstanceChanges),
    ];

    /// <summary>BenchmarkDotNet's default job: in process unless <paramref name="outOfProcess"/>, which builds a project
    /// per run (with a raised build timeout).</summary>
    public static IConfig Full(bool outOfProcess) => DefaultConfig.Instance
        .AddJob(outOfProcess
            ? Job.Default.WithId("Full")
            : Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false)).WithId("Full"))
        .WithBuildTimeout(BuildTimeout)
        .WithOptions(ConfigOptions.JoinSummary);

    /// <summary>The switcher option that times BenchmarkDotNet's default job, in process, by <see cref="ThreadCpuClock"/>.</summary>
    public const string CpuClockOption = "--cpu-clock";

    /// <summary>The configuration behind BenchmarkDotNet's own command line: its defaults with a raised build timeout, or
    /// with <see cref="CpuClockOption"/> an in-process job timed by the thread's CPU time.</summary>
    public static IConfig ForSwitcher(bool cpuClock)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout);
        return cpuClock
            ? config.AddJob(WithCpuClock(Job.Default).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false)).WithId("CpuClock"))
            : config;
    }

    private static Job WithCpuClock(Job job) => ThreadCpuClock.Instance.IsAvailable ? job.WithClock(ThreadCpuClock.Instance) : job;

    public static MicroResults Run(IConfig config) => new(BenchmarkRunner.Run(All, config));
}

/// <summary>Looks up results by class, method and (optionally) parameter value.</summary>
internal sealed class MicroResults(Summary[] summaries)
{
    /// <summary>Gets BenchmarkDotNet's description of the host (OS, CPU, runtime).</summary>
    public IEnumerable<string> Environment =>
        summaries.FirstOrDefault()?.HostEnvironmentInfo.ToFormattedString() ?? [];

    /// <summary>Returns the median time per operation in nanoseconds and the bytes allocated per operation.</summary>
    public (double Nanoseconds, double Bytes) Get<TBenchmarks>(string method, object? parameter = null)
    {
        var report = summaries
            .SelectMany(summary => summary.Reports)
            .FirstOrDefault(report =>
                report.BenchmarkCase.Descriptor.Type == typeof(TBenchmarks)
                && report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && (parameter is null || report.BenchmarkCase.Parameters.Items.Any(item => Equals(item.Value, parameter))));
        if (report?.ResultStatistics is not { } statistics)
        {
            return (double.NaN, double.NaN);
        }

        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return (statistics.Median, bytes ?? double.NaN);
    }
}
