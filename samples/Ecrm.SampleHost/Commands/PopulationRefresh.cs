using Ecrm.Insights;
using Ecrm.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// Ends a bulk load: the population models (RFM cut points, influence, lifetime value) are refitted and the
/// recommendation rules mined on everyone the load brought, and the store keeps them, so that the next process's reads
/// of one customer (a <c>customer</c> command) use models of the whole population without reading it.
/// </summary>
internal static class PopulationRefresh
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<ICustomerInsights>() is { } insights)
        {
            await insights.RefreshAsync(cancellationToken);
        }

        if (services.GetService<IRecommender>() is { } recommender)
        {
            await recommender.RefreshAsync(cancellationToken);
        }
    }
}
