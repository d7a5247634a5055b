namespace Jackpot.Reactive;

/// <summary>Builds subscribe URIs for push channels.</summary>
public static class JackpotPushEndpoint
{
    /// <summary>The service's subscribe endpoint: <c>https://push-events.flows.world/subscribe</c>.</summary>
    public static Uri DefaultSubscribeUri { get; } = new("https://push-events.flows.world/subscribe");

    /// <summary>Builds the subscribe URI of a channel: the endpoint with the query parameter <c>channel</c> appended.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="endpoint">The subscribe endpoint; <see cref="DefaultSubscribeUri"/> when null. An existing query is kept.</param>
    /// <returns>The URI. The channel name is escaped with <see cref="Uri.EscapeDataString(string)"/>, so no id can add a
    /// query parameter or fragment or name another channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/>, or
    /// <paramref name="endpoint"/> is not an absolute http(s) URI or has a fragment.</exception>
    public static Uri BuildSubscribeUri(ChannelName channel, Uri? endpoint = null)
    {
        endpoint ??= DefaultSubscribeUri;
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        ValidateEndpoint(endpoint);
        string query = endpoint.Query;
        string separator = query.Length > 1 ? "&" : string.Empty;
        var builder = new UriBuilder(endpoint)
        {
            Query = (query.Length > 1 ? query[1..] : string.Empty) + separator + "channel=" + Uri.EscapeDataString(channel.RawValue),
        };
        return builder.Uri;
    }

    internal static void ValidateEndpoint(Uri endpoint, string paramName = "endpoint")
    {
        ArgumentNullException.ThrowIfNull(endpoint, paramName);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint must be an absolute http or https URI, not '{endpoint}'.", paramName);
        }

        if (endpoint.Fragment.Length > 0)
        {
            throw new ArgumentException("The endpoint must not have a fragment.", paramName);
        }
    }
}
