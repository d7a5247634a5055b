namespace Jackpot.Reactive;

/// <summary>The names under which <c>AddJackpotPushClient</c> registers the client's settings and HTTP client.</summary>
public static class JackpotPushClientDefaults
{
    /// <summary>The configuration section the settings are bound from: <c>JackpotPush</c>.</summary>
    /// <remarks>Validation messages name each setting by its path under this section, for example
    /// <c>JackpotPush:Reconnect:MaxDelay</c>.</remarks>
    public const string ConfigurationSectionName = "JackpotPush";

    /// <summary>The name of the <see cref="HttpClient"/> the client connects with, as registered with
    /// <c>IHttpClientFactory</c>: <c>Jackpot.Reactive.JackpotPushClient</c>.</summary>
    /// <remarks>Configure it further with <c>services.AddHttpClient(JackpotPushClientDefaults.HttpClientName)</c> or
    /// through the <c>IHttpClientBuilder</c> that <c>AddJackpotPushClient</c> returns.</remarks>
    public const string HttpClientName = "Jackpot.Reactive.JackpotPushClient";
}
