using Microsoft.Extensions.Options;

namespace Jackpot.Reactive;

/// <summary>
/// Validates <see cref="JackpotPushSettings"/> when the host starts (or the client is first resolved), reporting every
/// invalid setting at once by the rules of <see cref="JackpotPushOptionsValidator"/> — the same rules and messages as a
/// <see cref="JackpotPushClient"/> built in code. Only what configuration alone can get wrong (an endpoint that is no
/// URI) is checked here first.
/// </summary>
internal sealed class JackpotPushSettingsValidator : IValidateOptions<JackpotPushSettings>
{
    private const string EndpointKey = JackpotPushClientDefaults.ConfigurationSectionName + ":" + nameof(JackpotPushSettings.Endpoint);

    public ValidateOptionsResult Validate(string? name, JackpotPushSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var endpoint = JackpotPushEndpoint.DefaultSubscribeUri;
        if (!string.IsNullOrWhiteSpace(options.Endpoint) && !Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out endpoint))
        {
            failures.Add($"{EndpointKey} must be an absolute http or https URI, not '{options.Endpoint}'.");
            endpoint = JackpotPushEndpoint.DefaultSubscribeUri;
        }

        var reconnect = options.Reconnect;
        var policyFailures = new List<string>();
        JackpotPushOptionsValidator.CheckReconnect(
            reconnect.InitialDelay, reconnect.MaxDelay, reconnect.Multiplier, reconnect.JitterRatio, reconnect.ResetAfter, reconnect.MaxAttempts, policyFailures);
        failures.AddRange(policyFailures);

        // Everything else by the options' rules; a policy already reported is replaced by the default so it is not
        // reported twice.
        var mapped = options.ToClientOptions(endpoint, policyFailures.Count == 0 ? reconnect.ToPolicy() : ReconnectPolicy.Default);
        foreach (var failure in JackpotPushOptionsValidator.Validate(mapped))
        {
            failures.Add(failure);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
