namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>Finds the repository's top folder from the test binaries, wherever the repository was cloned.</summary>
internal static class RepositoryRoot
{
    /// <summary>Returns the nearest folder above the test binaries that holds Jackpot.Reactive.sln.</summary>
    /// <returns>The folder's full path.</returns>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jackpot.Reactive.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Jackpot.Reactive.sln above {AppContext.BaseDirectory}.");
    }
}
