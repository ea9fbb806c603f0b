package segment

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

var englishCases = []sentenceCase{
	{"Mr. and Mrs.", "Mr. Smith met Mrs. Jones at the U.N. headquarters.",
		[]string{"Mr. Smith met Mrs. Jones at the U.N. headquarters."}},
	{"Dr. and Prof.", "Dr. Brown and Prof. Green spoke first. They were followed by the mayor.",
		[]string{"Dr. Brown and Prof. Green spoke first.", "They were followed by the mayor."}},
	{"St.", "The conference was held in St. Louis. It lasted two days.",
		[]string{"The conference was held in St. Louis.", "It lasted two days."}},
	{"e.g.", "Cities, e.g. Lyon and Turin, joined the network.", []string{"Cities, e.g. Lyon and Turin, joined the network."}},
	{"e.g. before a capital", "Some networks, e.g. UCLG, work on migration.", []string{"Some networks, e.g. UCLG, work on migration."}},
	{"i.e.", "Local governments, i.e. cities and regions, play a key role.",
		[]string{"Local governments, i.e. cities and regions, play a key role."}},
	{"etc. then capital", "They discussed housing, jobs, etc. The next meeting is in May.",
		[]string{"They discussed housing, jobs, etc.", "The next meeting is in May."}},
	{"etc. then lower case", "They discussed housing, jobs, etc. and agreed on a plan.",
		[]string{"They discussed housing, jobs, etc. and agreed on a plan."}},
	{"U.S. mid-sentence", "The U.S. delegation arrived on Monday.", []string{"The U.S. delegation arrived on Monday."}},
	{"U.S. ends a sentence", "He moved to the U.S. The move was difficult.", []string{"He moved to the U.S.", "The move was difficult."}},
	{"U.S. before a name", "The U.S. Conference of Mayors endorsed the text.", []string{"The U.S. Conference of Mayors endorsed the text."}},
	{"U.N.", "The U.N. General Assembly adopted the Global Compact in 2018.",
		[]string{"The U.N. General Assembly adopted the Global Compact in 2018."}},
	{"a.m. and p.m.", "The meeting starts at 9 a.m. and ends at 5 p.m. on Friday.",
		[]string{"The meeting starts at 9 a.m. and ends at 5 p.m. on Friday."}},
	{"a.m. ends a sentence", "The meeting starts at 9 a.m. The mayor will open it.",
		[]string{"The meeting starts at 9 a.m.", "The mayor will open it."}},
	{"No. 5", "See Resolution No. 5 of the General Assembly.", []string{"See Resolution No. 5 of the General Assembly."}},
	{"No. as a word", "The answer was No. The vote failed.", []string{"The answer was No.", "The vote failed."}},
	{"Jan. 5", "It was signed on Jan. 5 in Geneva.", []string{"It was signed on Jan. 5 in Geneva."}},
	{"decimal", "Growth reached 1.5 percent in 2017.", []string{"Growth reached 1.5 percent in 2017."}},
	{"thousands", "More than 10,000 migrants arrived in 2016. Most of them were young.",
		[]string{"More than 10,000 migrants arrived in 2016.", "Most of them were young."}},
	{"question in quotes, then incise", "“Is it clear?” he asked.", []string{"“Is it clear?” he asked."}},
	{"period in quotes, then sentence", "“It is clear.” She nodded.", []string{"“It is clear.”", "She nodded."}},
	{"question", "Is it clear? Yes, it is.", []string{"Is it clear?", "Yes, it is."}},
	{"exclamation", "What a success! The mayors signed the declaration.",
		[]string{"What a success!", "The mayors signed the declaration."}},
	{"URL", "Visit https://www.uclg.org/en/media.html for details.", []string{"Visit https://www.uclg.org/en/media.html for details."}},
	{"e-mail address ends a sentence", "Write to contact@uclg.org. We will reply.", []string{"Write to contact@uclg.org.", "We will reply."}},
	{"ellipsis then lower case", "He hesitated... then signed.", []string{"He hesitated... then signed."}},
	{"ellipsis then capital", "He hesitated… Then he signed.", []string{"He hesitated…", "Then he signed."}},
	{"acronyms without periods", "UN-Habitat and IOM signed an agreement. UCLG welcomed it.",
		[]string{"UN-Habitat and IOM signed an agreement.", "UCLG welcomed it."}},
	{"dates", "The conference will take place from 16 to 17 November 2017 in Mechelen, Belgium.",
		[]string{"The conference will take place from 16 to 17 November 2017 in Mechelen, Belgium."}},
	{"initial", "The report was written by J. Smith. It is available online.",
		[]string{"The report was written by J. Smith.", "It is available online."}},
	{"Co. ends a sentence", "The firm is Smith & Co. The company grew fast.", []string{"The firm is Smith & Co.", "The company grew fast."}},
	{"Mr. and Mrs. together", "Mr. and Mrs. Brown attended the forum.", []string{"Mr. and Mrs. Brown attended the forum."}},
}

var spanishCases = []sentenceCase{
	{"Sr. and Sra.", "El Sr. García y la Sra. López asistieron a la reunión.",
		[]string{"El Sr. García y la Sra. López asistieron a la reunión."}},
	{"Srta.", "La Srta. Pérez presentó el informe. Fue aprobado por unanimidad.",
		[]string{"La Srta. Pérez presentó el informe.", "Fue aprobado por unanimidad."}},
	{"Dr. and Dra.", "El Dr. Ruiz y la Dra. Gómez hablaron primero.", []string{"El Dr. Ruiz y la Dra. Gómez hablaron primero."}},
	{"Ud.", "¿Puede Ud. confirmar su asistencia? Gracias.", []string{"¿Puede Ud. confirmar su asistencia?", "Gracias."}},
	{"EE. UU. mid-sentence", "La delegación de EE. UU. llegó el lunes.", []string{"La delegación de EE. UU. llegó el lunes."}},
	{"EE. UU. ends a sentence", "La delegación viajó a EE. UU. El viaje duró dos días.",
		[]string{"La delegación viajó a EE. UU.", "El viaje duró dos días."}},
	{"EE. UU. before a name", "El embajador de EE. UU. Thomas Shannon habló.", []string{"El embajador de EE. UU. Thomas Shannon habló."}},
	{"p. ej.", "Hay muchas ciudades, p. ej. Madrid y Barcelona, en la red.",
		[]string{"Hay muchas ciudades, p. ej. Madrid y Barcelona, en la red."}},
	{"etc. then capital", "Hablaron de vivienda, empleo, etc. La próxima reunión será en mayo.",
		[]string{"Hablaron de vivienda, empleo, etc.", "La próxima reunión será en mayo."}},
	{"etc. then lower case", "Hablaron de vivienda, empleo, etc. y acordaron un plan.",
		[]string{"Hablaron de vivienda, empleo, etc. y acordaron un plan."}},
	{"núm.", "Véase el núm. 5 de la revista.", []string{"Véase el núm. 5 de la revista."}},
	{"two questions", "¿Qué harán las ciudades? ¿Cómo acogerán a los migrantes?",
		[]string{"¿Qué harán las ciudades?", "¿Cómo acogerán a los migrantes?"}},
	{"exclamation", "¡Qué éxito! Los alcaldes firmaron la declaración.", []string{"¡Qué éxito!", "Los alcaldes firmaron la declaración."}},
	{"inverted mark starts a sentence", "Llegó tarde. ¿por qué?", []string{"Llegó tarde.", "¿por qué?"}},
	{"question then lower case", "¿Vienes? preguntó ella.", []string{"¿Vienes? preguntó ella."}},
	{"question inside a sentence", "Es así, ¿verdad? Sí.", []string{"Es así, ¿verdad?", "Sí."}},
	{"decimal comma", "La tasa pasó del 1,5 % al 2,3 %.", []string{"La tasa pasó del 1,5 % al 2,3 %."}},
	{"thousands", "Más de 10.000 personas participaron. La mayoría eran jóvenes.",
		[]string{"Más de 10.000 personas participaron.", "La mayoría eran jóvenes."}},
	{"guillemets", "«Todos migrantes, todos ciudadanos» es el lema. Resume la campaña.",
		[]string{"«Todos migrantes, todos ciudadanos» es el lema.", "Resume la campaña."}},
	{"period inside guillemets", "Dijo: «La ciudad está abierta.» Luego se fue.",
		[]string{"Dijo: «La ciudad está abierta.»", "Luego se fue."}},
	{"curly quotes", "“¿Está claro?” preguntó el alcalde.", []string{"“¿Está claro?” preguntó el alcalde."}},
	{"a. C. mid-sentence", "La ciudad fue fundada en el 814 a. C. por los fenicios.",
		[]string{"La ciudad fue fundada en el 814 a. C. por los fenicios."}},
	{"a. C. ends a sentence", "La ciudad fue fundada en el 814 a. C. El puerto creció rápidamente.",
		[]string{"La ciudad fue fundada en el 814 a. C.", "El puerto creció rápidamente."}},
	{"acronyms", "ONU-Hábitat y la OIM firmaron un acuerdo. CGLU lo celebró.",
		[]string{"ONU-Hábitat y la OIM firmaron un acuerdo.", "CGLU lo celebró."}},
	{"URL", "Visite https://www.uclg.org/es/media.html para más información.",
		[]string{"Visite https://www.uclg.org/es/media.html para más información."}},
	{"e-mail address ends a sentence", "Escriba a contacto@uclg.org. Le responderemos.",
		[]string{"Escriba a contacto@uclg.org.", "Le responderemos."}},
	{"dates", "La conferencia se celebrará del 16 al 17 de noviembre de 2017 en Malinas.",
		[]string{"La conferencia se celebrará del 16 al 17 de noviembre de 2017 en Malinas."}},
	{"S.A.", "La empresa Aguas de Valencia S.A. firmó el convenio.", []string{"La empresa Aguas de Valencia S.A. firmó el convenio."}},
}

func TestSegmentEnglish(t *testing.T) {
	require.GreaterOrEqual(t, len(englishCases), 20)
	runSentenceCases(t, language.English, englishCases)
	runSentenceCases(t, language.MustParse("en-GB"), englishCases[:5])
}

func TestSegmentSpanish(t *testing.T) {
	require.GreaterOrEqual(t, len(spanishCases), 20)
	runSentenceCases(t, language.Spanish, spanishCases)
	runSentenceCases(t, language.MustParse("es-419"), spanishCases[:5])
}

// TestSegmentOtherLanguages checks the generic behaviour: UAX #29 and the
// common rules, no language's abbreviations.
func TestSegmentOtherLanguages(t *testing.T) {
	runSentenceCases(t, language.German, []sentenceCase{
		{"plain", "Die Stadt wächst. Sie braucht Wohnungen.", []string{"Die Stadt wächst.", "Sie braucht Wohnungen."}},
		{"lower case", "Das ist z.B. gut.", []string{"Das ist z.B. gut."}},
		{"URL", "Siehe www.uclg.org/de?x=1 für mehr.", []string{"Siehe www.uclg.org/de?x=1 für mehr."}},
		{"initial", "Das sagte J. Müller gestern.", []string{"Das sagte J. Müller gestern."}},
		{"no French abbreviations", "Das sagte M. Dupont.", []string{"Das sagte M. Dupont."}},
		{"German quotes", "Er sagte: „Ja.“ Dann ging er.", []string{"Er sagte: „Ja.“", "Dann ging er."}},
	})
	runSentenceCases(t, language.Japanese, []sentenceCase{
		{"ideographic full stop", "都市は成長する。移民を歓迎する。", []string{"都市は成長する。", "移民を歓迎する。"}},
	})
	runSentenceCases(t, language.Hindi, []sentenceCase{
		{"danda", "शहर बढ़ रहा है। यह अच्छा है।", []string{"शहर बढ़ रहा है।", "यह अच्छा है।"}},
	})
}
