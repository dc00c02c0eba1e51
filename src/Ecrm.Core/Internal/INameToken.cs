namespace Ecrm.Internal;

/// <summary>An open, string-named token type (identity kind, channel, event type) that JSON reads and writes as its name.</summary>
/// <typeparam name="TSelf">The token type.</typeparam>
internal interface INameToken<TSelf>
    where TSelf : struct, INameToken<TSelf>
{
    /// <summary>Gets the stable lowercase name.</summary>
    string Name { get; }

    /// <summary>Creates the token from its name, validating it.</summary>
    static abstract TSelf FromName(string name);
}
