namespace Jackpot.Reactive.Testing;

/// <summary>Reads the channel a subscribe request names in its <c>channel</c> query parameter.</summary>
internal static class SubscribeQuery
{
    public static bool TryGetChannel(Uri uri, out ChannelName channel)
    {
        channel = default;
        string query = uri.IsAbsoluteUri ? uri.Query : string.Empty;
        foreach (string parameter in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.UnescapeDataString(parameter[..equals]) == "channel")
            {
                return ChannelName.TryParse(Uri.UnescapeDataString(parameter[(equals + 1)..]), out channel);
            }
        }

        return false;
    }
}
