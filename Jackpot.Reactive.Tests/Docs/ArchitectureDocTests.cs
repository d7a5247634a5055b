using System.Reflection;
using System.Text.RegularExpressions;
using Jackpot.Reactive.Tests.Packaging;

namespace Jackpot.Reactive.Tests.Docs;

/// <summary>ARCHITECTURE.md names files, folders and types in backticks; each must still exist, so the map cannot
/// silently rot when code moves.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void NamedPaths_AllExist()
    {
        var missing = Names().Where(IsPath).Where(path => !PathExists(path)).ToList();

        Names().Count(IsPath).Should().BeGreaterThan(20, "the map names the files a newcomer looks for");
        missing.Should().BeEmpty("every file and folder ARCHITECTURE.md names must exist");
    }

    [Fact]
    public void NamedTypesAndMembers_AllExist()
    {
        var names = Names().Where(IsCodeName).ToList();

        var missing = names.Where(name => !CodeNameExists(name)).ToList();

        names.Should().HaveCountGreaterThan(40, "the map names the types a newcomer looks for");
        missing.Should().BeEmpty("every type (and Type.Member) ARCHITECTURE.md names must exist");
    }

    [Fact]
    public void CodeNameExists_UnknownTypeOrMember_IsCaught()
    {
        CodeNameExists("JackpotPushClient").Should().BeTrue();
        CodeNameExists("JackpotPushClient.Broadcast").Should().BeTrue();
        CodeNameExists("JackpotPushClient.NoSuchMember").Should().BeFalse();
        CodeNameExists("ThrottleValues").Should().BeTrue("an operator is named by its method");
        CodeNameExists("NoSuchTypeAnywhere").Should().BeFalse();
        PathExists("Jackpot.Reactive/Channels/NoSuchFile.cs").Should().BeFalse();
    }

    private static IEnumerable<string> Names() =>
        Backticked().Matches(File.ReadAllText(Path.Combine(Root, "ARCHITECTURE.md"))).Select(match => match.Groups[1].Value);

    private static bool IsPath(string name) =>
        name.Contains('/', StringComparison.Ordinal) && !name.Contains(' ', StringComparison.Ordinal)
        || FileName().IsMatch(name);

    private static bool PathExists(string path)
    {
        string full = Path.Combine(Root, path.TrimEnd('/'));
        if (File.Exists(full) || Directory.Exists(full))
        {
            return true;
        }

        // A folder of the library named on its own (`Channels/`), or a file named without its folder.
        return Directory.Exists(Path.Combine(Root, "Jackpot.Reactive", path.TrimEnd('/')))
            || (!path.Contains('/', StringComparison.Ordinal) && SourceFiles().Any(file => Path.GetFileName(file) == path));
    }

    /// <summary>A type (<c>JackpotPushClient</c>, <c>IObservable&lt;JackpotEvent&gt;</c>) or a member
    /// (<c>ReconnectPolicy.IsRetriedByDefault</c>); project names and namespaces are left to <see cref="IsPath"/>.</summary>
    private static bool IsCodeName(string name) =>
        CodeName().IsMatch(name) && !name.StartsWith("Jackpot.Reactive", StringComparison.Ordinal) && !IsPath(name);

    private static bool CodeNameExists(string name)
    {
        string[] parts = GenericArguments().Replace(name, string.Empty).Split('.');
        var types = TypesNamed(parts[0]);
        if (types.Count == 0)
        {
            // A bare name is a type of a project these tests do not load, or an operator (a JackpotObservable method).
            return parts.Length == 1 && (DeclaredInSources(parts[0]) || HasMember(typeof(JackpotObservable), parts[0]));
        }

        return parts.Length == 1 || types.Any(type => HasMember(type, parts[1]));
    }

    private static bool HasMember(Type type, string member) =>
        type.GetMember(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Length > 0;

    private static List<Type> TypesNamed(string name) =>
        [.. AllTypes.Value.Where(type => type.Name == name || type.Name.StartsWith(name + "`", StringComparison.Ordinal))];

    private static readonly Lazy<Type[]> AllTypes = new(() =>
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(file => Path.GetFileName(file).StartsWith("Jackpot.Reactive", StringComparison.Ordinal)
                || Path.GetFileName(file).StartsWith("System.Reactive", StringComparison.Ordinal)
                || Path.GetFileName(file).StartsWith("Microsoft.Reactive.Testing", StringComparison.Ordinal))
            .Select(file => Assembly.LoadFrom(file))
            .Concat([typeof(object).Assembly, typeof(HttpClient).Assembly, typeof(IObservable<>).Assembly]);
        return [.. assemblies.Distinct().SelectMany(LoadableTypes)];
    });

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    /// <summary>For types of projects these tests do not load (the web sample, the benchmarks).</summary>
    private static bool DeclaredInSources(string typeName)
    {
        var declaration = new Regex($@"\b(class|struct|interface|record|enum)\s+{Regex.Escape(typeName)}\b");
        return SourceFiles().Any(file => declaration.IsMatch(File.ReadAllText(file)));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[\w.\-]+\.(cs|md|csproj|txt|json|props|sln)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^[A-Z]\w*(<[\w<>, ]+>)?(\.[A-Z]\w*)?$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"<.*>")]
    private static partial Regex GenericArguments();
}
