using System.Reactive.Disposables;
using Microsoft.AspNetCore.Components;

namespace Jackpot.Reactive.Blazor;

/// <summary>
/// A component that binds observables to its state: values are applied on the component's dispatcher and re-render it,
/// subscriptions end with the component, and nothing is subscribed while the component is prerendered.
/// </summary>
/// <remarks>
/// <para>
/// <b>Render modes.</b> The same component works in every interactive render mode: Server (the circuit's dispatcher),
/// WebAssembly (the browser's one thread, where the dispatcher runs work inline) and Auto (one of the two, after a
/// prerender on the server). Only <see cref="ComponentBase.RendererInfo"/> and <see cref="ComponentBase.InvokeAsync(Action)"/>
/// are used, never a render mode's own services.
/// </para>
/// <para>
/// <b>Thread.</b> Observables call from their own threads (a connection's, a timer's). <see cref="Bind{T}"/> hands each
/// notification to <see cref="ComponentBase.InvokeAsync(Action)"/>, so the callbacks run on the renderer's dispatcher,
/// one at a time and in the order they were sent, and the component re-renders after each
/// (<see cref="ComponentBase.StateHasChanged"/>). A notification sent from the dispatcher itself (an event handler that
/// feeds a subject) is applied at once.
/// </para>
/// <para>
/// <b>Prerendering.</b> A prerendered component lives for one static render and is thrown away; the interactive one is a
/// new instance. Subscribing in both would subscribe twice, and a hot source shared with reference counting would see
/// its first subscriber leave and start a second life (reconnect, replay). In the Auto render mode the prerender runs on
/// the server and the interactive component in the circuit or in the browser: still two instances. So <see cref="Bind{T}"/> subscribes only when
/// <see cref="ComponentBase.RendererInfo"/> is interactive and returns <see langword="false"/> otherwise: the prerender
/// shows the component's initial state. Call it from <see cref="ComponentBase.OnInitialized"/>.
/// </para>
/// <para>
/// <b>Disposal.</b> <see cref="Dispose()"/> (called by the renderer when the component leaves the page or the circuit
/// ends) unsubscribes every binding; notifications already queued on the dispatcher are dropped.
/// </para>
/// <para>
/// <b>Errors.</b> An error goes to the binding's <c>onError</c>; without one it is dispatched to the renderer
/// (<see cref="ComponentBase.DispatchExceptionAsync"/>), where an error boundary or the circuit handles it, as an
/// exception thrown by a lifecycle method would be.
/// </para>
/// </remarks>
public abstract class ReactiveComponentBase : ComponentBase, IDisposable
{
    private readonly CompositeDisposable _bindings = [];

    /// <summary>Gets a value indicating whether the component has been disposed.</summary>
    protected bool IsDisposed => _bindings.IsDisposed;

    /// <summary>Subscribes to <paramref name="source"/> and applies its values on the dispatcher, then re-renders.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="source">The observable.</param>
    /// <param name="onNext">Applies a value to the component's state; runs on the dispatcher.</param>
    /// <param name="onError">Handles an error on the dispatcher; null to dispatch it to the renderer.</param>
    /// <param name="onCompleted">Runs on the dispatcher when <paramref name="source"/> completes; null for nothing.</param>
    /// <returns>
    /// <see langword="true"/> when subscribed; <see langword="false"/> while prerendering or after disposal, when nothing
    /// is subscribed.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="onNext"/> is null.</exception>
    /// <remarks>The subscription ends when the component is disposed, or when <paramref name="source"/> terminates.</remarks>
    protected bool Bind<T>(IObservable<T> source, Action<T> onNext, Action<Exception>? onError = null, Action? onCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(onNext);
        if (!RendererInfo.IsInteractive || IsDisposed)
            return false;

        var binding = new SingleAssignmentDisposable();
        _bindings.Add(binding);
        binding.Disposable = source.Subscribe(
            value => Dispatch(() => onNext(value)),
            error =>
            {
                _bindings.Remove(binding);
                if (onError is null)
                    _ = InvokeAsync(() => IsDisposed ? Task.CompletedTask : DispatchExceptionAsync(error));
                else
                    Dispatch(() => onError(error));
            },
            () =>
            {
                _bindings.Remove(binding);
                if (onCompleted is not null)
                    Dispatch(onCompleted);
            });
        return true;
    }

    /// <summary>Unsubscribes every binding.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Unsubscribes every binding; override to release more, calling the base.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _bindings.Dispose();
    }

    private void Dispatch(Action apply) => _ = InvokeAsync(() =>
    {
        if (IsDisposed)
            return Task.CompletedTask;
        try
        {
            apply();
        }
        catch (Exception ex)
        {
            // Not lost in the dispatcher's task: the renderer handles it as it would a throwing event handler.
            return DispatchExceptionAsync(ex);
        }

        StateHasChanged();
        return Task.CompletedTask;
    });
}
