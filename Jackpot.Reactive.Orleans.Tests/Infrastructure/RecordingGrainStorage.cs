using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace Jackpot.Reactive.Orleans.Tests.Infrastructure;

/// <summary>
/// A grain storage shared by every silo of a test cluster, as an external store would be: each state is kept
/// serialized (System.Text.Json) with an ETag checked on every write, as Redis and the other providers do, and every
/// successful write of a <see cref="ChannelCheckpoint"/> is recorded as a copy, so a test sees exactly what reached
/// the store and when.
/// </summary>
internal sealed class RecordingGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<GrainId, (string ETag, byte[] Data)> _store = new();
    private readonly ConcurrentQueue<(GrainId Grain, ChannelCheckpoint Checkpoint)> _writes = new();

    /// <summary>Gets the checkpoints written to one grain, oldest first.</summary>
    public IReadOnlyList<ChannelCheckpoint> WritesOf(GrainId grain) =>
        [.. _writes.Where(w => w.Grain == grain).Select(w => w.Checkpoint)];

    /// <summary>Nothing to start: it replaces, under the same name, a storage that took part in the silo's lifecycle.</summary>
    public void Participate(ISiloLifecycle observer)
    {
    }

    public Task ReadStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        if (_store.TryGetValue(grainId, out var stored))
        {
            grainState.State = JsonSerializer.Deserialize<T>(stored.Data)!;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        byte[] data = JsonSerializer.SerializeToUtf8Bytes(grainState.State);

        // A store answers later than at once: the grain runs on while its write is on the way.
        await Task.Yield();
        string etag = Guid.NewGuid().ToString("N");
        var expected = grainState.ETag;
        bool written = expected is null
            ? _store.TryAdd(grainId, (etag, data))
            : _store.TryGetValue(grainId, out var current) && current.ETag == expected && _store.TryUpdate(grainId, (etag, data), current);
        if (!written)
        {
            throw new InconsistentStateException($"ETag mismatch for {grainId}.", expected ?? "(none)", "(other)");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        if (grainState.State is ChannelCheckpoint)
        {
            _writes.Enqueue((grainId, JsonSerializer.Deserialize<ChannelCheckpoint>(data)!));
        }
    }

    public Task ClearStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        _store.TryRemove(grainId, out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
