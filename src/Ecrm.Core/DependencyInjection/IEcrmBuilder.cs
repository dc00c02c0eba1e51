namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <see cref="EcrmServiceCollectionExtensions.AddEcrm"/>: provider and channel packages add extension
/// methods to it (<c>.UseSqliteStore(...)</c>, <c>.AddWeChat(...)</c>).
/// </summary>
public interface IEcrmBuilder
{
    /// <summary>Gets the service collection the SDK is registered in.</summary>
    IServiceCollection Services { get; }
}
