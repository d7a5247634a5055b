namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>A folder of its own under the system's temporary folder, deleted with everything in it on disposal.</summary>
/// <param name="prefix">The start of the folder's name (e.g. <c>jackpot-aot-</c>), so a leftover one says whose it is.</param>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Returns the full path of <paramref name="name"/> inside the folder.</summary>
    /// <param name="name">A file or folder name, or a relative path.</param>
    /// <returns>The combined path (nothing is created).</returns>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder; one still in use (a file left open by a process on a slow machine) is left to the system.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open: the system cleans its temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
