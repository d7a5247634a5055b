using System.Reactive.Linq;
using System.Reactive.Subjects;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Reactive.Testing;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Jackpot.Reactive.Blazor.Tests.Binding;

public sealed class ReactiveComponentBaseTests : BunitContext
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _scheduler = new();

    public ReactiveComponentBaseTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void Bind_Interactive_AppliesEachValueOnTheDispatcherAndRenders()
    {
        var source = Observable.Interval(TimeSpan.FromSeconds(1), _scheduler).Select(i => (int)i + 1);

        var cut = RenderProbe(source);
        _scheduler.AdvanceBy(3 * Second);

        cut.Instance.Subscribed.Should().BeTrue();
        cut.Instance.Applied.Should().Equal(1, 2, 3);
        cut.Instance.OnDispatcherWhenApplied.Should().AllBeEquivalentTo(true);
        cut.Find("#value").TextContent.Should().Be("3");
    }

    [Fact]
    public async Task Bind_ValuesFromAnotherThread_AppliedInOrderOneAtATime()
    {
        var source = new Subject<int>();
        var cut = RenderProbe(source);

        await Task.Run(() =>
        {
            for (int i = 1; i <= 500; i++)
                source.OnNext(i);
        }, Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => cut.Find("#value").TextContent.Should().Be("500"), TimeSpan.FromSeconds(30));
        cut.Instance.Applied.Should().Equal(Enumerable.Range(1, 500));
        cut.Instance.OnDispatcherWhenApplied.Should().AllBeEquivalentTo(true);
        cut.Instance.Overlaps.Should().Be(0);
    }

    /// <summary>Each render mode as the renderer reports it: its name, the mode assigned, whether it is interactive.</summary>
    public static TheoryData<string, string?, bool> RenderModes => new()
    {
        { "Server", nameof(RenderMode.InteractiveServer), true },
        { "WebAssembly", nameof(RenderMode.InteractiveWebAssembly), true },
        { "Server", nameof(RenderMode.InteractiveAuto), true },
        { "WebAssembly", nameof(RenderMode.InteractiveAuto), true },
        { "Static", nameof(RenderMode.InteractiveAuto), false },
        { "Static", nameof(RenderMode.InteractiveWebAssembly), false },
        { "Static", null, false },
    };

    [Theory]
    [MemberData(nameof(RenderModes))]
    public void Bind_InEachRenderMode_SubscribesOnceOnlyWhenInteractive(string renderer, string? assigned, bool interactive)
    {
        SetRendererInfo(new RendererInfo(renderer, interactive));
        var source = _scheduler.CreateColdObservable(OnNext(Second, 7), OnNext(2 * Second, 8));

        var cut = Render<BindingProbe>(parameters => parameters
            .Add(p => p.Source, source)
            .Add(p => p.OnDispatcher, () => Renderer.Dispatcher.CheckAccess())
            .SetAssignedRenderMode(assigned switch
            {
                nameof(RenderMode.InteractiveServer) => RenderMode.InteractiveServer,
                nameof(RenderMode.InteractiveWebAssembly) => RenderMode.InteractiveWebAssembly,
                nameof(RenderMode.InteractiveAuto) => RenderMode.InteractiveAuto,
                _ => null,
            }));
        _scheduler.Start();

        cut.Instance.Subscribed.Should().Be(interactive);
        source.Subscriptions.Should().HaveCount(interactive ? 1 : 0, "a prerender (Auto's first render on the server) must not open a channel");
        cut.Instance.Applied.Should().Equal(interactive ? [7, 8] : []);
        cut.Instance.OnDispatcherWhenApplied.Should().AllBeEquivalentTo(true);
        cut.Find("#value").TextContent.Should().Be(interactive ? "8" : "0");
    }

    [Fact]
    public void Bind_Prerendering_SubscribesNothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var source = _scheduler.CreateColdObservable(OnNext(Second, 7));

        var cut = RenderProbe(source);
        _scheduler.Start();

        cut.Instance.Subscribed.Should().BeFalse();
        source.Subscriptions.Should().BeEmpty("a prerendered component is thrown away: subscribing would start a hot source twice");
        cut.Find("#value").TextContent.Should().Be("0");
    }

    [Fact]
    public async Task Dispose_Component_UnsubscribesAndAppliesNothingMore()
    {
        var source = _scheduler.CreateHotObservable(OnNext(Second, 1), OnNext(3 * Second, 2));
        var probe = RenderProbe(source).Instance;
        _scheduler.AdvanceTo(2 * Second);

        await DisposeComponentsAsync();
        _scheduler.Start();

        probe.Applied.Should().Equal(1);
        source.Subscriptions.Should().Equal(Subscribe(0, 2 * Second));
    }

    [Fact]
    public async Task Dispose_WithValuesQueuedOnTheDispatcher_DropsThem()
    {
        var source = new Subject<int>();
        var cut = RenderProbe(source);

        // The value is sent while the dispatcher is busy disposing the component: it is queued, then dropped.
        await Renderer.Dispatcher.InvokeAsync(() =>
        {
            var sender = Task.Run(() => source.OnNext(1));
            SpinWait.SpinUntil(() => sender.IsCompleted, TimeSpan.FromSeconds(10)).Should().BeTrue();
            cut.Instance.Dispose();
        });

        cut.Instance.Applied.Should().BeEmpty();
        source.HasObservers.Should().BeFalse();
    }

    [Fact]
    public void Bind_ErrorWithHandler_RunsItOnTheDispatcher()
    {
        var cut = Render<BindingProbe>(parameters => parameters
            .Add(p => p.Source, Observable.Throw<int>(new InvalidOperationException("boom"), _scheduler))
            .Add(p => p.HandleErrors, true)
            .Add(p => p.OnDispatcher, () => Renderer.Dispatcher.CheckAccess()));
        _scheduler.Start();

        cut.Instance.Error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
        cut.Instance.ErrorOnDispatcher.Should().BeTrue();
    }

    [Fact]
    public void Bind_ErrorWithoutHandler_ReachesTheErrorBoundary()
    {
        var source = Observable.Throw<int>(new InvalidOperationException("boom"), _scheduler);
        var cut = Render<ErrorBoundaryHost>(parameters => parameters.Add(p => p.Source, source));

        _scheduler.Start();

        cut.WaitForAssertion(() => cut.Find("#failed").TextContent.Should().Be("failed: boom"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Bind_SourceCompletes_RunsOnCompletedAndKeepsTheLastValue()
    {
        var source = _scheduler.CreateColdObservable(OnNext(Second, 4), OnCompleted<int>(2 * Second));

        var cut = RenderProbe(source);
        _scheduler.Start();

        cut.Instance.Completed.Should().BeTrue();
        cut.Find("#value").TextContent.Should().Be("4");
        source.Subscriptions.Should().Equal(Subscribe(0, 2 * Second));
    }

    [Fact]
    public void Bind_NullArguments_Throw()
    {
        var cut = RenderProbe(Observable.Never<int>());

        FluentActions.Invoking(() => cut.Instance.BindForTest<int>(null!, _ => { }))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => cut.Instance.BindForTest(Observable.Never<int>(), null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("onNext");
    }

    private IRenderedComponent<BindingProbe> RenderProbe(IObservable<int> source) =>
        Render<BindingProbe>(parameters => parameters
            .Add(p => p.Source, source)
            .Add(p => p.OnDispatcher, () => Renderer.Dispatcher.CheckAccess()));
}
