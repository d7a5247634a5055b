namespace Jackpot.Reactive;

/// <summary>Builds subscribe URIs for push channels.</summary>
public static class JackpotPushEndpoint
{
    private const string ChannelParameter = "channel";

    /// <summary>The service's subscribe endpoint: <c>https://push-events.flows.world/subscribe</c>.</summary>
    public static Uri DefaultSubscribeUri { get; } = new("https://push-events.flows.world/subscribe");

    /// <summary>Builds the subscribe URI of a channel: the endpoint with the query parameter <c>channel</c> appended.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="endpoint">The subscribe endpoint; <see cref="DefaultSubscribeUri"/> when null. An existing query is kept.</param>
    /// <returns>The URI. The channel name is escaped with <see cref="Uri.EscapeDataString(string)"/>, so no id can add a
    /// query parameter or fragment or name another channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is <see langword="default"/>, or
    /// <paramref name="endpoint"/> is not an absolute http(s) URI, has a fragment, or already has a <c>channel</c>
    /// query parameter (two would be ambiguous).</exception>
    public static Uri BuildSubscribeUri(ChannelName channel, Uri? endpoint = null)
    {
        endpoint ??= DefaultSubscribeUri;
        if (channel.RawValue.Length == 0)
        {
            throw new ArgumentException("The channel is not set (default value).", nameof(channel));
        }

        ValidateEndpoint(endpoint);
        string existing = endpoint.Query.TrimStart('?').TrimEnd('&');
        var builder = new UriBuilder(endpoint)
        {
            Query = (existing.Length > 0 ? existing + "&" : string.Empty) + ChannelParameter + "=" + Uri.EscapeDataString(channel.RawValue),
        };
        return builder.Uri;
    }

    internal static void ValidateEndpoint(Uri endpoint, string paramName = "endpoint")
    {
        ValidateStreamUri(endpoint, paramName);
        foreach (var parameter in endpoint.Query.TrimStart('?').Split('&'))
        {
            string name = Uri.UnescapeDataString(parameter.Split('=', 2)[0].Replace('+', ' '));
            if (string.Equals(name, ChannelParameter, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("The endpoint must not have a 'channel' query parameter; the channel is added to it.", paramName);
            }
        }
    }

    /// <summary>Checks that a URI can be requested as an event stream: absolute http(s), no fragment.</summary>
    internal static void ValidateStreamUri(Uri endpoint, string paramName)
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
