namespace Ecrm.Campaigns;

/// <summary>
/// Campaigns: define them, run them (audience from a segment, channel by preference, consent and reachability,
/// frequency caps across campaigns, a hold-out group, personalised messages through the channel senders, every send
/// recorded as an event of the customer), and measure them (delivery, conversions, uplift with its interval).
/// </summary>
public interface ICampaigns
{
    /// <summary>Defines (or redefines) a campaign.</summary>
    /// <param name="campaign">The definition.</param>
    /// <exception cref="EcrmException">The definition is invalid, or a channel has no sender registered.</exception>
    void Define(CampaignDefinition campaign);

    /// <summary>Gets the defined campaigns.</summary>
    IReadOnlyList<CampaignDefinition> Campaigns { get; }

    /// <summary>
    /// Runs a campaign now: members not yet handled are planned and sent to. Safe to run again (later members, quiet
    /// hours that ended, failed sends): nobody gets the campaign twice.
    /// </summary>
    /// <param name="code">The campaign.</param>
    /// <param name="cancellationToken">A token to stop the run (what was sent stays recorded).</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="EcrmException">No such campaign, or its segment does not exist.</exception>
    ValueTask<CampaignRun> RunAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Runs every campaign whose schedule (<see cref="CampaignTrigger.Scheduled"/>) has come; call it periodically.</summary>
    /// <param name="cancellationToken">A token to stop the runs.</param>
    /// <returns>What each run did.</returns>
    ValueTask<IReadOnlyList<CampaignRun>> RunDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the customers a campaign sent to or held out, over every run.</summary>
    /// <param name="code">The campaign.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The members, ordered by customer id.</returns>
    /// <exception cref="EcrmException">No such campaign.</exception>
    ValueTask<IReadOnlyList<CampaignMember>> GetMembersAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Measures a campaign over everything sent so far.</summary>
    /// <param name="code">The campaign.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The results.</returns>
    /// <exception cref="EcrmException">No such campaign.</exception>
    ValueTask<CampaignResults> GetResultsAsync(string code, CancellationToken cancellationToken = default);
}
