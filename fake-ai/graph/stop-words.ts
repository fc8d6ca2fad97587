// English stop words dropped before keyword scoring: function words and chat filler that would
// otherwise top every conversation's TF-IDF list ("use", "want", "help" carry no topic).

const WORDS = `
a about above after again against all almost also although always am among an and another any
anyone anything are aren around as at be because been before being below between both but by
can cannot could couldn did didn do does doesn doing don done down during each either else even
ever every few for from further get gets getting give given go goes going good got great had
hadn has hasn have haven having he her here hers herself him himself his how however i if in
into is isn it its itself just know let like likely lot make makes making many may me might
more most much must my myself need needs no nor not now of off often ok okay on once one only
or other others our ours ourselves out over own please quite rather really right said same say
see seem seems shall she should shouldn show so some something such sure take tell than thank
thanks that the their theirs them themselves then there these they thing things think this
those though through thus to too try under until up upon us use used uses using very via want
wants was wasn way we well were weren what whats when where whether which while who whom whose
why will with within without won would wouldn yes yet you your yours yourself yourselves
across add allow allows basic basics best called common consist consists difference different
example examples explain explains important include includes including introduction key known
main mean means provide provides three two understand understanding various work works
i'm it's that's what's don't can't i'd i'll i've you're you'll you've let's there's here's
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
