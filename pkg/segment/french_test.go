package segment

import (
	"testing"

	"golang.org/x/text/language"
)

// frenchCases is the reference of French segmentation: every rule of the
// French built-ins, with the cases that must break and those that must not.
var frenchCases = []sentenceCase{
	// Titles and abbreviations that never end a sentence.
	{"M.", "M. Dupont est arrivé à Beyrouth. Il a ouvert la conférence.",
		[]string{"M. Dupont est arrivé à Beyrouth.", "Il a ouvert la conférence."}},
	{"MM.", "MM. Dupont et Durand ont signé l’accord au nom de CGLU.",
		[]string{"MM. Dupont et Durand ont signé l’accord au nom de CGLU."}},
	{"Mme without period", "Mme Martin, maire de Lyon, a ouvert la séance. Elle a remercié l’OIM.",
		[]string{"Mme Martin, maire de Lyon, a ouvert la séance.", "Elle a remercié l’OIM."}},
	{"Mme.", "Mme. Martin a présenté le bilan du projet MC2CM.",
		[]string{"Mme. Martin a présenté le bilan du projet MC2CM."}},
	{"Mlle", "Mlle Durand et Mlle. Petit représentaient la ville de Malines.",
		[]string{"Mlle Durand et Mlle. Petit représentaient la ville de Malines."}},
	{"Dr", "Le Dr Martin et le Dr. Lefèvre ont présenté l’étude. Elle porte sur 2017.",
		[]string{"Le Dr Martin et le Dr. Lefèvre ont présenté l’étude.", "Elle porte sur 2017."}},
	{"Pr", "Le Pr. Lambert, de l’université de Genève, puis le Pr Roux ont pris la parole.",
		[]string{"Le Pr. Lambert, de l’université de Genève, puis le Pr Roux ont pris la parole."}},
	{"p.", "Voir p. 12 du rapport. Les chiffres de 2016 y figurent.",
		[]string{"Voir p. 12 du rapport.", "Les chiffres de 2016 y figurent."}},
	{"p. before capital", "Les recommandations (voir p. Annexe II) sont détaillées.",
		[]string{"Les recommandations (voir p. Annexe II) sont détaillées."}},
	{"pp.", "Voir pp. 45-47 du rapport annuel d’ONU-Habitat.",
		[]string{"Voir pp. 45-47 du rapport annuel d’ONU-Habitat."}},
	{"cf.", "Les villes membres (cf. annexe 2) ont signé la déclaration.",
		[]string{"Les villes membres (cf. annexe 2) ont signé la déclaration."}},
	{"Cf. before a capital", "Cf. Nouvel Agenda urbain, paragraphe 28. Les États s’y engagent.",
		[]string{"Cf. Nouvel Agenda urbain, paragraphe 28.", "Les États s’y engagent."}},
	{"art.", "L’art. 3 du décret précise les modalités de financement.",
		[]string{"L’art. 3 du décret précise les modalités de financement."}},
	{"art. then sentence", "Conformément à l’art. 12, la commission se réunit deux fois par an. Elle rend un avis.",
		[]string{"Conformément à l’art. 12, la commission se réunit deux fois par an.", "Elle rend un avis."}},
	{"n°", "Le décret n° 2021-45 du 7 mars 2021 s’applique. Il remplace le précédent.",
		[]string{"Le décret n° 2021-45 du 7 mars 2021 s’applique.", "Il remplace le précédent."}},
	{"vol.", "Voir vol. 2 de la série. Il traite des migrations urbaines.",
		[]string{"Voir vol. 2 de la série.", "Il traite des migrations urbaines."}},
	{"St. and Ste.", "La délégation s’est rendue à St. Louis puis à Ste. Foy.",
		[]string{"La délégation s’est rendue à St. Louis puis à Ste. Foy."}},
	{"St and Ste without period", "Le quartier St Michel et la rue Ste Catherine accueillent des migrants.",
		[]string{"Le quartier St Michel et la rue Ste Catherine accueillent des migrants."}},
	{"av. J.-C. mid-sentence", "La ville fut fondée en 814 av. J.-C. par les Phéniciens.",
		[]string{"La ville fut fondée en 814 av. J.-C. par les Phéniciens."}},
	{"av. J.-C. then sentence", "La ville fut fondée en 814 av. J.-C. Elle devint ensuite un grand port.",
		[]string{"La ville fut fondée en 814 av. J.-C.", "Elle devint ensuite un grand port."}},
	{"av. J.-C. then name", "En 52 av. J.-C. César assiégea Alésia.",
		[]string{"En 52 av. J.-C. César assiégea Alésia."}},
	{"c.-à-d.", "Les gouvernements locaux, c.-à-d. les villes et les régions, sont concernés.",
		[]string{"Les gouvernements locaux, c.-à-d. les villes et les régions, sont concernés."}},
	{"p. ex.", "Le programme d’ONU-Habitat (p. ex. le Nouvel agenda urbain) est ambitieux.",
		[]string{"Le programme d’ONU-Habitat (p. ex. le Nouvel agenda urbain) est ambitieux."}},
	{"Me.", "Me. Lefèvre, avocate, a représenté la ville de Lyon.",
		[]string{"Me. Lefèvre, avocate, a représenté la ville de Lyon."}},
	{"al. before a number", "Le texte (art. 5, al. 2) s’applique aux villes.",
		[]string{"Le texte (art. 5, al. 2) s’applique aux villes."}},
	{"éd.", "Voir l’éd. 2017 du rapport mondial.", []string{"Voir l’éd. 2017 du rapport mondial."}},

	// etc.: a break before a capital, none before a lower-case word.
	{"etc. then lower case", "Amman, Beyrouth, Lisbonne, etc. ont rejoint le projet.",
		[]string{"Amman, Beyrouth, Lisbonne, etc. ont rejoint le projet."}},
	{"etc. then capital", "Le projet regroupe Amman, Beyrouth, Lisbonne, etc. La prochaine phase commence en 2018.",
		[]string{"Le projet regroupe Amman, Beyrouth, Lisbonne, etc.", "La prochaine phase commence en 2018."}},
	{"etc. then a name", "Ils ont cité le logement, l’emploi, etc. Nadia Ben Ali a répondu.",
		[]string{"Ils ont cité le logement, l’emploi, etc.", "Nadia Ben Ali a répondu."}},
	{"etc. at the end", "Ils ont parlé de logement, d’emploi, de santé, etc.",
		[]string{"Ils ont parlé de logement, d’emploi, de santé, etc."}},
	{"etc. in parentheses", "Les services de base (eau, santé, etc.) sont essentiels. Les villes les fournissent.",
		[]string{"Les services de base (eau, santé, etc.) sont essentiels.", "Les villes les fournissent."}},

	// Initials and dotted acronyms.
	{"hyphenated initials", "J.-P. Sartre a écrit sur la liberté.", []string{"J.-P. Sartre a écrit sur la liberté."}},
	{"initial and name", "Le rapport de J. Dupont a été publié. Il est disponible en ligne.",
		[]string{"Le rapport de J. Dupont a été publié.", "Il est disponible en ligne."}},
	{"initials before a particle", "Selon J.-M. Le Clézio, la migration est une richesse.",
		[]string{"Selon J.-M. Le Clézio, la migration est une richesse."}},
	{"single capital ends a sentence", "Les données figurent à l’annexe B. Les chiffres sont provisoires.",
		[]string{"Les données figurent à l’annexe B.", "Les chiffres sont provisoires."}},
	{"acronym then lower case", "L’O.N.U. a été fondée en 1945 à San Francisco.",
		[]string{"L’O.N.U. a été fondée en 1945 à San Francisco."}},
	{"acronym then sentence", "Il travaille pour l’O.N.U. Elle l’a recruté en 2015.",
		[]string{"Il travaille pour l’O.N.U.", "Elle l’a recruté en 2015."}},
	{"acronym then name", "Un représentant de l’O.N.U. Habitat a pris la parole.",
		[]string{"Un représentant de l’O.N.U. Habitat a pris la parole."}},
	{"acronym then elided article", "Le texte a été adopté par l’O.N.U. L’OIM l’a salué.",
		[]string{"Le texte a été adopté par l’O.N.U.", "L’OIM l’a salué."}},

	// Numbers.
	{"decimal comma", "Le taux est passé de 1,5 % à 2,3 % en 2017.", []string{"Le taux est passé de 1,5 % à 2,3 % en 2017."}},
	{"decimal point", "Le budget atteint 1.5 million d’euros. Il sera voté en novembre.",
		[]string{"Le budget atteint 1.5 million d’euros.", "Il sera voté en novembre."}},
	{"thousands with a space", "Plus de 10 000 personnes ont participé à la campagne.",
		[]string{"Plus de 10 000 personnes ont participé à la campagne."}},
	{"thousands with U+202F", "Plus de 10\u202f000 migrants sont arrivés à Malines. La ville les accueille.",
		[]string{"Plus de 10\u202f000 migrants sont arrivés à Malines.", "La ville les accueille."}},
	{"thousands with U+00A0", "Le fonds dispose de 250\u00a0000 euros.", []string{"Le fonds dispose de 250\u00a0000 euros."}},
	{"thousands with periods", "Le projet a coûté 10.000 euros. Il a été financé par l’UE.",
		[]string{"Le projet a coûté 10.000 euros.", "Il a été financé par l’UE."}},
	{"millions with periods", "Le montant s’élève à 3.500.000 €. Il sera versé en 2018.",
		[]string{"Le montant s’élève à 3.500.000 €.", "Il sera versé en 2018."}},
	{"year ends a sentence", "Le projet a débuté en 2015. En 2018, il entrera dans sa deuxième phase.",
		[]string{"Le projet a débuté en 2015.", "En 2018, il entrera dans sa deuxième phase."}},
	{"price", "Prix : 12,50 €. Réservation obligatoire.", []string{"Prix : 12,50 €.", "Réservation obligatoire."}},
	{"time", "La séance commence à 9 h 30. Elle se termine à 17 h.",
		[]string{"La séance commence à 9 h 30.", "Elle se termine à 17 h."}},

	// Dates.
	{"dates", "La conférence se tiendra du 7 au 8 novembre 2017 à Beyrouth. Elle réunira des maires.",
		[]string{"La conférence se tiendra du 7 au 8 novembre 2017 à Beyrouth.", "Elle réunira des maires."}},
	{"month abbreviation and year", "Elle se tiendra du 16 au 17 nov. 2017 à Malines.",
		[]string{"Elle se tiendra du 16 au 17 nov. 2017 à Malines."}},
	{"month abbreviation ends a sentence", "Rendez-vous le 7 nov. Les inscriptions sont ouvertes.",
		[]string{"Rendez-vous le 7 nov.", "Les inscriptions sont ouvertes."}},

	// Ordinals.
	{"century", "Au XXIe siècle, les villes sont en première ligne.", []string{"Au XXIe siècle, les villes sont en première ligne."}},
	{"1er and 2e", "Le 1er novembre 2017, la campagne a commencé. Le 2e volet suivra.",
		[]string{"Le 1er novembre 2017, la campagne a commencé.", "Le 2e volet suivra."}},
	{"3e and 1re", "C’est la 3e édition du Forum. La 1re a eu lieu à Barcelone.",
		[]string{"C’est la 3e édition du Forum.", "La 1re a eu lieu à Barcelone."}},
	{"century ends a sentence", "Les migrations ont façonné le XXe siècle. Elles façonnent le XXIe.",
		[]string{"Les migrations ont façonné le XXe siècle.", "Elles façonnent le XXIe."}},

	// French spacing before ? ! : ; and inside « ».
	{"no-break space before ?", "Est-ce clair\u00a0? Oui, tout à fait.", []string{"Est-ce clair\u00a0?", "Oui, tout à fait."}},
	{"narrow no-break space before !", "Quelle surprise\u202f! Personne ne l’attendait.",
		[]string{"Quelle surprise\u202f!", "Personne ne l’attendait."}},
	{"plain space before ?", "Que faire ? Agir ensemble.", []string{"Que faire ?", "Agir ensemble."}},
	{"colon", "Attention : la réunion est reportée au 8 novembre.", []string{"Attention : la réunion est reportée au 8 novembre."}},
	{"colon before a capital", "Le slogan est simple\u00a0: Tous migrants, tous citoyens.",
		[]string{"Le slogan est simple\u00a0: Tous migrants, tous citoyens."}},
	{"semicolon", "Trois villes ; deux pays ; un objectif.", []string{"Trois villes ; deux pays ; un objectif."}},
	{"question in guillemets, then incise", "« Est-ce clair ? » demanda-t-il.", []string{"« Est-ce clair ? » demanda-t-il."}},
	{"question in guillemets with no-break spaces", "«\u00a0Est-ce clair\u00a0?\u00a0» demanda-t-il.",
		[]string{"«\u00a0Est-ce clair\u00a0?\u00a0» demanda-t-il."}},
	{"question in guillemets, then sentence", "« Est-ce clair ? » Il ne répondit pas.",
		[]string{"« Est-ce clair ? »", "Il ne répondit pas."}},
	{"exclamation in guillemets, then sentence", "« Nous sommes prêts ! » Le maire a conclu la séance.",
		[]string{"« Nous sommes prêts ! »", "Le maire a conclu la séance."}},
	{"ellipsis in guillemets, then sentence", "« Il faut agir… » La salle a applaudi.",
		[]string{"« Il faut agir… »", "La salle a applaudi."}},
	{"ellipsis in guillemets, then incise", "« Il faut agir… » répéta-t-elle.", []string{"« Il faut agir… » répéta-t-elle."}},
	{"guillemets mid-sentence", "Le slogan « Tous migrants, tous citoyens » a été adopté. Il résume la campagne.",
		[]string{"Le slogan « Tous migrants, tous citoyens » a été adopté.", "Il résume la campagne."}},
	{"period inside guillemets", "Il a déclaré : « La ville est ouverte. » Puis il est parti.",
		[]string{"Il a déclaré : « La ville est ouverte. »", "Puis il est parti."}},
	{"two sentences inside guillemets", "Il a déclaré : « La ville est ouverte. Elle le restera. » Puis il est parti.",
		[]string{"Il a déclaré : « La ville est ouverte.", "Elle le restera. »", "Puis il est parti."}},
	{"period after guillemets", "Le slogan est « Tous migrants, tous citoyens ». Cette vague d’action vise les villes.",
		[]string{"Le slogan est « Tous migrants, tous citoyens ».", "Cette vague d’action vise les villes."}},
	{"guillemets end the text", "Il a dit : « Oui. »", []string{"Il a dit : « Oui. »"}},
	{"question then comma", "« Pourquoi pas ? », a répondu la maire.", []string{"« Pourquoi pas ? », a répondu la maire."}},
	{"dialogue dashes", "— Êtes-vous prête ? — Oui, dit-elle.", []string{"— Êtes-vous prête ?", "— Oui, dit-elle."}},
	{"straight quotes", "Les \"villes refuges\" sont nombreuses. Elles accueillent les migrants.",
		[]string{"Les \"villes refuges\" sont nombreuses.", "Elles accueillent les migrants."}},

	// Ellipses.
	{"ellipsis then lower case", "Il hésita… puis signa l’accord.", []string{"Il hésita… puis signa l’accord."}},
	{"ellipsis then capital", "Il hésita… Puis il signa l’accord.", []string{"Il hésita…", "Puis il signa l’accord."}},
	{"three periods then lower case", "Il hésita... puis signa.", []string{"Il hésita... puis signa."}},
	{"three periods then capital", "Il hésita... Puis il signa.", []string{"Il hésita...", "Puis il signa."}},
	{"elision mark", "Le préambule (…) Les États membres s’engagent à agir.",
		[]string{"Le préambule (…) Les États membres s’engagent à agir."}},
	{"elision mark in brackets", "Le texte dit que [...] Les villes doivent agir.",
		[]string{"Le texte dit que [...] Les villes doivent agir."}},
	{"ellipsis at the end", "Et ainsi de suite…", []string{"Et ainsi de suite…"}},

	// URLs and e-mail addresses.
	{"URL", "Pour en savoir plus, consultez https://www.uclg.org/fr/media.html dès aujourd’hui.",
		[]string{"Pour en savoir plus, consultez https://www.uclg.org/fr/media.html dès aujourd’hui."}},
	{"URL ends a sentence", "Le programme est sur https://www.uclg.org/fr/media.html. Inscrivez-vous avant le 7 novembre.",
		[]string{"Le programme est sur https://www.uclg.org/fr/media.html.", "Inscrivez-vous avant le 7 novembre."}},
	{"URL with a query", "Voir www.iom.int/fr?page=2&lang=fr pour les détails.",
		[]string{"Voir www.iom.int/fr?page=2&lang=fr pour les détails."}},
	{"e-mail address", "Écrivez à contact@uclg.org pour vous inscrire.", []string{"Écrivez à contact@uclg.org pour vous inscrire."}},
	{"e-mail address ends a sentence", "Écrivez à contact@uclg.org. Nous répondrons sous 48 heures.",
		[]string{"Écrivez à contact@uclg.org.", "Nous répondrons sous 48 heures."}},

	// Continuations and cross-references.
	{"lower case after a period", "Les participants ont adopté la déclaration finale. ils se retrouveront en 2018.",
		[]string{"Les participants ont adopté la déclaration finale. ils se retrouveront en 2018."}},
	{"lower case after a question mark", "Pourquoi ? parce que les villes agissent.",
		[]string{"Pourquoi ? parce que les villes agissent."}},
	{"cross-reference with colon", "[Pour en savoir plus : Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée à Beyrouth]",
		[]string{"[Pour en savoir plus : Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée à Beyrouth]"}},
	{"cross-reference with an ellipsis", "[Pour en savoir plus : …]", []string{"[Pour en savoir plus : …]"}},
	{"cross-reference without space", "[Pour en savoir plus: CGLU appelle à participer à la Conférence mondiale sur les villes et les migrants]",
		[]string{"[Pour en savoir plus: CGLU appelle à participer à la Conférence mondiale sur les villes et les migrants]"}},
	{"parenthesis after a period", "Le projet avance (voir le rapport de 2017). Les résultats sont bons.",
		[]string{"Le projet avance (voir le rapport de 2017).", "Les résultats sont bons."}},
	{"sentence in parentheses", "(La réunion est ouverte au public.) Les inscriptions sont gratuites.",
		[]string{"(La réunion est ouverte au public.)", "Les inscriptions sont gratuites."}},

	// Headings, list numbers and the seed article.
	{"numbered heading", "1. Introduction", []string{"1. Introduction"}},
	{"roman heading", "IV. Résultats de la consultation", []string{"IV. Résultats de la consultation"}},
	{"decimal heading", "2.1. Contexte général", []string{"2.1. Contexte général"}},
	{"title with hashtag", "#Cities4Migration: Novembre, un mois de solidarité avec les migrants",
		[]string{"#Cities4Migration: Novembre, un mois de solidarité avec les migrants"}},
	{"date line", "6 novembre 2017", []string{"6 novembre 2017"}},
	{"long sentence with semicolon and parentheses", "En novembre, deux grands événements mondiaux consacrés aux migrations auront lieu; une Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée, du 7 au 8 novembre à Beyrouth (Liban) et une Conférence mondiale sur les villes et les migrants du 16 au 17 novembre à Malines (Belgique).",
		[]string{"En novembre, deux grands événements mondiaux consacrés aux migrations auront lieu; une Conférence de haut niveau du projet Migration Ville à Ville en Méditerranée, du 7 au 8 novembre à Beyrouth (Liban) et une Conférence mondiale sur les villes et les migrants du 16 au 17 novembre à Malines (Belgique)."}},
	{"list of cities", "CGLU participe au projet MC2CM depuis 2015. Le projet regroupe les villes d’Amman, Beyrouth, Lisbonne, Lyon, Madrid, Tanger, Turin, Tunis et Vienne.",
		[]string{"CGLU participe au projet MC2CM depuis 2015.", "Le projet regroupe les villes d’Amman, Beyrouth, Lisbonne, Lyon, Madrid, Tanger, Turin, Tunis et Vienne."}},
	{"acronyms without periods", "ONU-Habitat et l’OIM ont signé un accord. CGLU s’en félicite.",
		[]string{"ONU-Habitat et l’OIM ont signé un accord.", "CGLU s’en félicite."}},
	{"exclamation", "Bravo ! Les maires ont signé la déclaration.", []string{"Bravo !", "Les maires ont signé la déclaration."}},
	{"?!", "Quoi ?! Déjà ?", []string{"Quoi ?!", "Déjà ?"}},
	{"exclamation at the end", "C’est une réussite !", []string{"C’est une réussite !"}},
	{"three sentences", "Les États membres s’y engagent. Le Pacte mondial sera adopté en 2018. Il sera signé à New York.",
		[]string{"Les États membres s’y engagent.", "Le Pacte mondial sera adopté en 2018.", "Il sera signé à New York."}},

	// White space.
	{"several spaces", "Phrase un.   Phrase deux.", []string{"Phrase un.", "Phrase deux."}},
	{"no-break space between sentences", "Phrase un.\u00a0Phrase deux.", []string{"Phrase un.", "Phrase deux."}},
	{"surrounding white space", "  Phrase un. Phrase deux.\u00a0 ", []string{"Phrase un.", "Phrase deux."}},
	{"wrapped line", "La réunion enverra un message fort\naux Nations Unies. Elle aura lieu à Malines.",
		[]string{"La réunion enverra un message fort\naux Nations Unies.", "Elle aura lieu à Malines."}},
	{"blank line", "Titre sans point\n\nPremier paragraphe.", []string{"Titre sans point", "Premier paragraphe."}},
	{"empty", "", nil},
	{"blank", " \u00a0\t\n", nil},
	{"no terminator", "Vague d’action de CGLU sur la migration", []string{"Vague d’action de CGLU sur la migration"}},
}

func TestSegmentFrench(t *testing.T) {
	if len(frenchCases) < 80 {
		t.Fatalf("the French table needs at least 80 cases, has %d", len(frenchCases))
	}
	runSentenceCases(t, language.French, frenchCases)
}

// TestSegmentFrenchRegions checks that regional French tags get the French
// rules.
func TestSegmentFrenchRegions(t *testing.T) {
	for _, tag := range []language.Tag{language.MustParse("fr-FR"), language.MustParse("fr-CA"), language.MustParse("fr-BE")} {
		t.Run(tag.String(), func(t *testing.T) {
			runSentenceCases(t, tag, frenchCases[:12])
		})
	}
}
