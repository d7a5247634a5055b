using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive;

/// <summary>
/// Gives the named HTTP client of <c>AddJackpotPushClient</c> its primary handler: the library's default
/// (<see cref="HttpSseTransport.CreateDefaultHandler()"/>) unless the app set one on the client's builder, in which case
/// the app's replaces it and the default is never created.
/// </summary>
/// <remarks>
/// <para>
/// A primary-handler action of the library among the builder's actions would run before the app's
/// (<c>ConfigurePrimaryHttpMessageHandler</c> on the returned builder): the default would be created — in a browser, a
/// handler that cannot exist there — and then thrown away. Instead, after every other configuration of the client's
/// options (a post-configuration), the builder's actions are run against a builder whose primary handler is created
/// only when an action reads it, or at the end when no action set one.
/// </para>
/// <para>
/// So an action that sets the primary handler (<c>ConfigurePrimaryHttpMessageHandler(() =&gt; …)</c>,
/// <c>ConfigurePrimaryHttpMessageHandler&lt;T&gt;()</c>) replaces the default without creating it, and an action that
/// reads and adjusts it (<c>ConfigurePrimaryHttpMessageHandler((handler, services) =&gt; …)</c>,
/// <c>UseSocketsHttpHandler(…)</c> outside the browser) adjusts the library's default. Handlers added to the chain
/// (<c>AddHttpMessageHandler</c>) are unaffected.
/// </para>
/// </remarks>
internal sealed class JackpotPushPrimaryHandler : IPostConfigureOptions<HttpClientFactoryOptions>
{
    private readonly Func<HttpMessageHandler> _createDefault;

    /// <summary>Creates the post-configuration with the factory of the default handler (a seam for tests).</summary>
    /// <param name="createDefault">Creates the default primary handler.</param>
    internal JackpotPushPrimaryHandler(Func<HttpMessageHandler> createDefault) => _createDefault = createDefault;

    /// <summary>Registers the post-configuration once, with the library's default handler.</summary>
    /// <param name="services">The services.</param>
    public static void Register(IServiceCollection services) => Register(services, HttpSseTransport.CreateDefaultHandler);

    /// <summary>Registers the post-configuration once, with the given default handler factory; a registration made
    /// before (with any factory) is kept.</summary>
    /// <param name="services">The services.</param>
    /// <param name="createDefault">Creates the default primary handler.</param>
    internal static void Register(IServiceCollection services, Func<HttpMessageHandler> createDefault) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>>(
            new JackpotPushPrimaryHandler(createDefault)));

    /// <inheritdoc/>
    public void PostConfigure(string? name, HttpClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name, JackpotPushClientDefaults.HttpClientName, StringComparison.Ordinal))
        {
            return;
        }

        var actions = options.HttpMessageHandlerBuilderActions.ToArray();
        options.HttpMessageHandlerBuilderActions.Clear();
        options.HttpMessageHandlerBuilderActions.Add(builder => Build(builder, actions));
    }

    private void Build(HttpMessageHandlerBuilder builder, Action<HttpMessageHandlerBuilder>[] actions)
    {
        var deferred = new DeferredPrimaryHandlerBuilder(builder, _createDefault);
        foreach (var action in actions)
        {
            action(deferred);
        }

        builder.PrimaryHandler = deferred.PrimaryHandler;
    }

    /// <summary>A view of the factory's builder whose primary handler is the library's default, created on first read
    /// unless an action sets another first. Everything else is the factory's builder's.</summary>
    private sealed class DeferredPrimaryHandlerBuilder(HttpMessageHandlerBuilder inner, Func<HttpMessageHandler> createDefault)
        : HttpMessageHandlerBuilder
    {
        private HttpMessageHandler? _primaryHandler;

        public override string? Name
        {
            get => inner.Name;
            set => inner.Name = value ?? throw new ArgumentNullException(nameof(value));
        }

        public override HttpMessageHandler PrimaryHandler
        {
            get => _primaryHandler ??= createDefault();
            set => _primaryHandler = value;
        }

        public override IList<DelegatingHandler> AdditionalHandlers => inner.AdditionalHandlers;

        public override IServiceProvider Services => inner.Services;

        public override HttpMessageHandler Build() => CreateHandlerPipeline(PrimaryHandler, AdditionalHandlers);
    }
}
