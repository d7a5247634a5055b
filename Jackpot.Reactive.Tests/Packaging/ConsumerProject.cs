using System.Security;

namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>
/// Writes what a NuGet user would: a tiny console app that uses Jackpot.Reactive and Jackpot.Reactive.Testing, and a
/// fresh xUnit test project that references only Jackpot.Reactive.Testing and xUnit — by package version, from a local
/// feed, with none of this repository's build settings.
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Jackpot.Consumer";

    public const string TestsName = "Jackpot.Consumer.Tests";

    /// <summary>The number of tests in the consumer's test project.</summary>
    public const int TestCount = 4;

    /// <summary>The lines the app prints, in order.</summary>
    public static readonly string[] ExpectedOutput =
    [
        "channel: Broadcast 8mQhEnuznUe01IsGOE4mPw main-floor",
        "player id redacted: True",
        "malformed payload rejected: JackpotEventFormatException",
        "virtual time: OnNext mega 1408.20 EUR at 10000000, OnCompleted at 20000000",
        "await foreach: mega__1, mega__2",
        "meter: Jackpot.Reactive",
        "marble test: passed",
        "marble mismatch: ExpectObservable: the observable did not match \"--a|\" (one frame = 1ms).",
    ];

    private const string Program = """
        using System.Globalization;
        using System.Reactive.Linq;
        using Jackpot.Reactive;
        using Jackpot.Reactive.Testing;
        using Microsoft.Reactive.Testing;

        var channel = ChannelName.Parse("8mQhEnuznUe01IsGOE4mPw_broadcast_main-floor");
        Console.WriteLine($"channel: {channel.Kind} {channel.Workspace} {channel.Group}");

        var playerChannel = ChannelName.Player(channel.Workspace, new PlayerId("someone@example.com"));
        Console.WriteLine($"player id redacted: {!playerChannel.ToString().Contains("someone@example.com", StringComparison.Ordinal)}");

        var parsed = JackpotEvent.TryParse("{ not json", out _, out var error);
        Console.WriteLine($"malformed payload rejected: {(parsed ? "no" : error!.GetType().Name)}");

        JackpotEvent first = new JackpotValueUpdated(
            new JackpotId("mega"), new JackpotInstanceId("mega__1"), channel, "EUR", 1408.20m, "1,408.20");
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(TimeSpan.FromSeconds(1).Ticks, first),
            ReactiveTest.OnCompleted<JackpotEvent>(TimeSpan.FromSeconds(2).Ticks));
        var observer = scheduler.Start(() => source, created: 0, subscribed: 0, disposed: TimeSpan.FromSeconds(5).Ticks);
        var value = observer.Messages[0].Value.Value;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"virtual time: {observer.Messages[0].Value.Kind} {value.Jackpot} {value.Amount} {value.Currency} at {observer.Messages[0].Time}, {observer.Messages[1].Value.Kind} at {observer.Messages[1].Time}"));

        var second = first with { Instance = new JackpotInstanceId("mega__2") };
        var instances = new List<string>();
        await foreach (var jackpotEvent in new[] { first, second }.ToObservable().ToAsyncEnumerable(4, AsyncBufferOverflow.Fail))
        {
            instances.Add(jackpotEvent.Instance.Value);
        }

        Console.WriteLine($"await foreach: {string.Join(", ", instances)}");
        Console.WriteLine($"meter: {JackpotMetrics.MeterName}");

        var marbles = new MarbleTest();
        var values = new JackpotMarbleValues().Value('a', "mega", 1m).Value('b', "mega", 2m);
        var jackpots = marbles.Hot("-a-b-|", values);
        marbles.ExpectObservable(jackpots.ThrottleValues(marbles.Time("---|"), marbles.Scheduler)).ToBe("-a--b|", values);
        marbles.Flush();
        Console.WriteLine("marble test: passed");

        var mismatch = new MarbleTest();
        mismatch.ExpectObservable(mismatch.Hot("-a-|")).ToBe("--a|");
        try
        {
            mismatch.Flush();
        }
        catch (MarbleAssertionException failure)
        {
            Console.WriteLine($"marble mismatch: {failure.Message.Split('\n')[0]}");
        }
        """;

    /// <summary>What the consumer's tests use from Jackpot.Reactive.Testing and from what it brings along:
    /// <c>MarbleTest</c>, <c>VirtualPushService</c>, <c>Microsoft.Reactive.Testing</c>'s <c>TestScheduler</c> and
    /// <c>System.Reactive</c>'s operators, with no other package reference.</summary>
    private const string Tests = """
        using System.Reactive.Linq;
        using Jackpot.Reactive;
        using Jackpot.Reactive.Testing;
        using Microsoft.Reactive.Testing;

        namespace Jackpot.Consumer.Tests;

        public sealed class PipelineTests
        {
            [Fact]
            public void ThrottleValues_InAMarbleTest_Passes() => MarbleTest.Run(test =>
            {
                var values = new JackpotMarbleValues().Value('a', "mega", 1m).Value('b', "mega", 2m);
                var jackpots = test.Hot("-a-b-|", values);

                test.ExpectObservable(jackpots.ThrottleValues(test.Time("---|"), test.Scheduler)).ToBe("-a--b|", values);
            });

            [Fact]
            public void Broadcast_OnTheVirtualPushService_ReconnectsWithLastEventId()
            {
                VirtualChannel? channel = null;
                MarbleTest.Run(test =>
                {
                    var service = new VirtualPushService(test);
                    var values = new JackpotMarbleValues().Value('a', "mega", 1m).Value('b', "mega", 2m);
                    channel = service.Channel(Jackpots.DefaultBroadcastChannel).Attempt("-a#", values).Attempt("-b", values);
                    var client = service.CreateClient();

                    test.ExpectObservable(client.Broadcast(Jackpots.DefaultGroup), "^ 2s !").ToBe("-a 1s -b", values);
                });
                Assert.Equal("1", channel!.Attempts[1].LastEventId);
            }

            [Fact]
            public void TestScheduler_RunsRxOperatorsInVirtualTime()
            {
                var scheduler = new TestScheduler();

                var observer = scheduler.Start(
                    () => Observable.Interval(TimeSpan.FromSeconds(1), scheduler).Take(2),
                    created: 50,
                    subscribed: 100,
                    disposed: TimeSpan.FromSeconds(5).Ticks);

                long second = TimeSpan.FromSeconds(1).Ticks;
                Assert.Equal([100 + second, 100 + (2 * second), 100 + (2 * second)], observer.Messages.Select(m => m.Time));
            }

            [Fact]
            public void WrongExpectation_FailsTheTest()
            {
                var failure = Assert.Throws<MarbleAssertionException>(() => MarbleTest.Run(test => test.ExpectObservable(test.Hot("-a|")).ToBe("--a|")));

                Assert.StartsWith("ExpectObservable: the observable did not match", failure.Message, StringComparison.Ordinal);
            }
        }
        """;

    /// <summary>Writes the projects into <paramref name="directory"/>: the app at its top, the tests in <c>tests/</c>.</summary>
    /// <param name="directory">An empty folder outside the repository.</param>
    /// <param name="feed">The folder holding the packed packages.</param>
    /// <param name="version">The version to reference.</param>
    /// <param name="packagesFolder">A private global packages folder, so no stale copy of the same version is used.</param>
    /// <param name="fallbackFolder">The machine's global packages folder: third-party packages come from there when present.</param>
    public static void Write(string directory, string feed, string version, string packagesFolder, string fallbackFolder)
    {
        // Empty build files stop MSBuild and central package management from picking up anything from parent folders.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");

        // No <clear />: the machine's configured sources (the public registry) stay, and the local feed is added to them.
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Xml(packagesFolder)}" />
              </config>
              <packageSources>
                <add key="jackpot-local-feed" value="{Xml(feed)}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-packages" value="{Xml(fallbackFolder)}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
                <DefaultItemExcludes>$(DefaultItemExcludes);tests/**</DefaultItemExcludes>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Jackpot.Reactive" Version="[{version}]" />
                <PackageReference Include="Jackpot.Reactive.Testing" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program + "\n");

        var tests = Directory.CreateDirectory(Path.Combine(directory, "tests")).FullName;
        File.WriteAllText(Path.Combine(tests, TestsName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Jackpot.Reactive.Testing" Version="[{version}]" />
                <PackageReference Include="xunit.v3" Version="{XunitVersion}" />
              </ItemGroup>
              <ItemGroup>
                <Using Include="Xunit" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(tests, "PipelineTests.cs"), Tests + "\n");
    }

    /// <summary>The xUnit version the consumer's tests use: the one this repository's tests use.</summary>
    private const string XunitVersion = "4.0.2";

    private static string Xml(string value) => SecurityElement.Escape(value);
}
