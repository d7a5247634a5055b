namespace Jackpot.Reactive.TestServer;

/// <summary>The sample messages of the service's integration document, verbatim (pretty-printed as it shows them).</summary>
public static class ReferenceSamples
{
    public const string JackpotValue =
        """
        {
        "reason": "jackpot_value",
        "jackpotInstance": "3XiLXZkU_5",
        "jackpot": "3XiLXZkU",
        "channel": "8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac",
        "currency": "EUR",
        "value": "372.2"
        }
        """;

    public const string JackpotWonOther =
        """
        {
        "reason": "jackpot_won_other",
        "jackpotInstance": "f8f21i6__12",
        "jackpot": "f8f21i6_",
        "channel": "8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac",
        "currency": "EUR",
        "value": "360.00",
        "jackpotNewInstance": "f8f21i6__13"
        }
        """;

    public const string JackpotWon =
        """
        {
        "reason": "jackpot_won",
        "jackpotInstance": "6sca3_LR_7",
        "jackpot": "6sca3_LR",
        "channel": "8mQhEnuznUe01IsGOE4mPw_user_a@b.com",
        "currency": "EUR",
        "value": "1,408.20",
        "jackpotNewInstance": "6sca3_LR_8"
        }
        """;

    public const string BroadcastChannel = "8mQhEnuznUe01IsGOE4mPw_broadcast_fce39b15-9fc1-42bb-8d96-e65c1d17feac";

    /// <summary>A valid <c>jackpot_value</c> payload with one field replaced by <paramref name="fieldJson"/>
    /// (e.g. <c>"value": "1,40.2"</c>), or removed when <paramref name="fieldJson"/> is null.</summary>
    public static string ValueWith(string field, string? fieldJson) => Build("jackpot_value", field, fieldJson);

    /// <summary>Like <see cref="ValueWith"/>, for a <c>jackpot_won</c> payload.</summary>
    public static string WonWith(string field, string? fieldJson) => Build("jackpot_won", field, fieldJson);

    private static string Build(string reason, string field, string? fieldJson)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("reason", $"\"{reason}\""),
            new("jackpotInstance", "\"6sca3_LR_7\""),
            new("jackpot", "\"6sca3_LR\""),
            new("channel", $"\"{BroadcastChannel}\""),
            new("currency", "\"EUR\""),
            new("value", "\"1,408.20\""),
        };
        if (reason != "jackpot_value")
        {
            fields.Add(new("jackpotNewInstance", "\"6sca3_LR_8\""));
        }

        int index = fields.FindIndex(f => f.Key == field);
        if (index < 0)
        {
            index = fields.Count;
            fields.Add(new(field, "null"));
        }

        if (fieldJson is null)
        {
            fields.RemoveAt(index);
        }
        else
        {
            fields[index] = new(field, fieldJson);
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }
}
