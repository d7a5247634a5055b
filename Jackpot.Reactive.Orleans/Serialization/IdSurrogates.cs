namespace Jackpot.Reactive.Orleans;

/// <summary>The wire form of the core's string ids: the text, empty for <see langword="default"/>.</summary>
/// <remarks>The core types carry no Orleans attributes; these converters let them cross silos as they are.</remarks>
[GenerateSerializer]
[Alias("jackpot.id")]
internal struct IdSurrogate
{
    [Id(0)]
    public string? Value;

    public IdSurrogate(string value) => Value = value;

    public readonly bool IsDefault => string.IsNullOrEmpty(Value);
}

/// <summary>Converts <see cref="JackpotId"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotIdConverter : IConverter<JackpotId, IdSurrogate>
{
    public JackpotId ConvertFromSurrogate(in IdSurrogate surrogate) => surrogate.IsDefault ? default : new JackpotId(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in JackpotId value) => new(value.Value);
}

/// <summary>Converts <see cref="JackpotInstanceId"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotInstanceIdConverter : IConverter<JackpotInstanceId, IdSurrogate>
{
    public JackpotInstanceId ConvertFromSurrogate(in IdSurrogate surrogate) =>
        surrogate.IsDefault ? default : new JackpotInstanceId(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in JackpotInstanceId value) => new(value.Value);
}

/// <summary>Converts <see cref="WorkspaceId"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class WorkspaceIdConverter : IConverter<WorkspaceId, IdSurrogate>
{
    public WorkspaceId ConvertFromSurrogate(in IdSurrogate surrogate) => surrogate.IsDefault ? default : new WorkspaceId(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in WorkspaceId value) => new(value.Value);
}

/// <summary>Converts <see cref="JackpotGroupId"/> for Orleans serialization.</summary>
[RegisterConverter]
internal sealed class JackpotGroupIdConverter : IConverter<JackpotGroupId, IdSurrogate>
{
    public JackpotGroupId ConvertFromSurrogate(in IdSurrogate surrogate) =>
        surrogate.IsDefault ? default : new JackpotGroupId(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in JackpotGroupId value) => new(value.Value);
}

/// <summary>Converts <see cref="PlayerId"/> for Orleans serialization (the raw id: the wire is not a log).</summary>
[RegisterConverter]
internal sealed class PlayerIdConverter : IConverter<PlayerId, IdSurrogate>
{
    public PlayerId ConvertFromSurrogate(in IdSurrogate surrogate) => surrogate.IsDefault ? default : new PlayerId(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in PlayerId value) => new(value.RawValue);
}

/// <summary>Converts <see cref="ChannelName"/> for Orleans serialization, through its raw name.</summary>
[RegisterConverter]
internal sealed class ChannelNameConverter : IConverter<ChannelName, IdSurrogate>
{
    public ChannelName ConvertFromSurrogate(in IdSurrogate surrogate) =>
        surrogate.IsDefault ? default : ChannelName.Parse(surrogate.Value!);

    public IdSurrogate ConvertToSurrogate(in ChannelName value) => new(value.RawValue);
}
