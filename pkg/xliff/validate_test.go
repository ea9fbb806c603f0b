package xliff

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
)

// invalidCore maps each file of the OASIS test suite's core/invalid folder
// to (part of) the error Validate must report for it: the rule the file
// breaks.
var invalidCore = map[string]string{
	"bad_CommentWithValueAndRef.xlf":                `a comment annotation has either value or ref`,
	"bad_ConfusedIsolatedOnEc.xlf":                  `an <ec> that is not isolated has a startRef and no id (isolated="yes" `,
	"bad_CopyOfWithBadReference.xlf":                `copyOf "not1": no code of the unit has that id`,
	"bad_CopyOfWithNoCopyReference.xlf":             `copyOf "1": that code has canCopy="no"`,
	"bad_CopyOfWithOriginalData.xlf":                `a copy (copyOf) takes its original data from its base: dataRef is not `,
	"bad_DataIdNotUnique.xlf":                       `data id "d1twice" is used twice in the unit`,
	"bad_DataRefWithoutOriginalData.xlf":            `dataRef "d1": the unit has no <data> with that id`,
	"bad_DifferentCanCopyInScAndEc.xlf":             `canCopy differs from its <sc>'s`,
	"bad_DifferentCanDeleteInScAndEc.xlf":           `canDelete differs from its <sc>'s`,
	"bad_DifferentCanOverlapInScAndEc.xlf":          `canOverlap differs from its <sc>'s`,
	"bad_DifferentCanReorderInScAndEc.xlf":          `canReorder differs from its <sc>'s`,
	"bad_DifferentCopyOfInScAndEc.xlf":              `copyOf differs from its <sc>'s`,
	"bad_DifferentDirInScAndEc.xlf":                 `dir is only allowed on an isolated <ec>`,
	"bad_DifferentSubTypeInScAndEc.xlf":             `subType differs from its <sc>'s`,
	"bad_DifferentTypeInScAndEc.xlf":                `type differs from its <sc>'s`,
	"bad_DifferentXmlSpace.xlf":                     `xml:space "default" differs from its source's "preserve"`,
	"bad_DuplicateExtElemIdsInFile.xlf":             `id "x1" is used by another extension element here`,
	"bad_DuplicateExtElemIdsInGroup.xlf":            `id "x1" is used by another extension element here`,
	"bad_DuplicateExtElemIdsInUnit.xlf":             `id "x1" is used by another extension element here`,
	"bad_DuplicateNoteIdsInFile.xlf":                `note id "n1" is used twice in <notes>`,
	"bad_DuplicateNoteIdsInGroup.xlf":               `note id "n1" is used twice in <notes>`,
	"bad_DuplicateNoteIdsInUnit.xlf":                `note id "n1" is used twice in <notes>`,
	"bad_EcBeforeSc.xlf":                            `startRef "1": no <sc> with that id comes before in the unit`,
	"bad_EmBeforeSm.xlf":                            `startRef "1": no <sm> with that id comes before in the unit`,
	"bad_EmptySkeletonWithoutHref.xlf":              `an empty skeleton needs href`,
	"bad_FileIdNotUnique.xlf":                       `file id "1twice" is used twice`,
	"bad_GroupIdNotUnique.xlf":                      `group id "1twice" is used twice in the file`,
	"bad_GroupWithoutId.xlf":                        `the required attribute id is missing`,
	"bad_IgnorableIdNotUnique.xlf":                  `id "i1twice" is used by another segment or ignorable of the unit`,
	"bad_IgnorableWithoutSource.xlf":                `<source> is missing`,
	"bad_InvalidCommentAnnotation1.xlf":             `a comment annotation has either value or ref`,
	"bad_InvalidCommentAnnotation2.xlf":             `ref "#n1": a comment annotation points to a <note> of its unit (#n=ID)`,
	"bad_InvalidCommentAnnotation3.xlf":             `ref "#f=f1/n=n1": a comment annotation points to a <note> of its unit `,
	"bad_InvalidCommentAnnotation4.xlf":             `ref "#g=g1/n=n1": a comment annotation points to a <note> of its unit `,
	"bad_InvalidDataRef.xlf":                        `dataRef "bad": the unit has no <data> with that id`,
	"bad_InvalidDataRefEnd.xlf":                     `dataRefEnd "bad": the unit has no <data> with that id`,
	"bad_InvalidDataRefStart.xlf":                   `dataRefStart "bad": the unit has no <data> with that id`,
	"bad_InvalidDirAttributeOnSource.xlf":           `attribute dir is not allowed here`,
	"bad_InvalidExtensionAttributeOnPc.xlf":         `attribute badAttr (namespace "myNS") is not allowed here`,
	"bad_InvalidExtensionAttributeOnSegment.xlf":    `attribute badAttr (namespace "myNS") is not allowed here`,
	"bad_InvalidExtensionAttributeOnSource.xlf":     `attribute badAttr (namespace "myNS") is not allowed here`,
	"bad_InvalidExtensionAttributeOnTarget.xlf":     `attribute badAttr (namespace "myNS") is not allowed here`,
	"bad_InvalidExtensionElementInData.xlf":         `only text and <cp> may be in <data>`,
	"bad_InvalidExtensionElementInFile.xlf":         `an extension element must come before <notes>, units and groups`,
	"bad_InvalidExtensionElementInOriginalData.xlf": `only <data> elements may be in <originalData>`,
	"bad_InvalidExtensionElementInSegment.xlf":      `<segment> holds one <source> and an optional <target>, in that order`,
	"bad_InvalidExtensionElementOutsideFile.xlf":    `only <file> elements may be children of <xliff>`,
	"bad_InvalidFSAttribute.xlf":                    `fs:Bad is not an attribute of the format style module`,
	"bad_InvalidFSAttributeOnEc.xlf":                `fs is only allowed on an isolated <ec>`,
	"bad_InvalidFSAttributeValue.xlf":               `fs:fs="BadValue" is not the name of an HTML element`,
	"bad_InvalidFragIdBadOrder.xlf":                 `ref "#/u=u1/f=f1/gls=g1": an absolute fragment identifier starts with `,
	"bad_InvalidFragIdDuplicatedPrefix.xlf":         `ref "#/u=f1/u=1/gls=g1": an absolute fragment identifier starts with f`,
	"bad_InvalidFragIdMissplacedLeaf.xlf":           `ref "#f=f1/d=d1/u=1": "u=1" follows a leaf selector`,
	"bad_InvalidFragIdNoSingleLeaf.xlf":             `ref "#c1/c2": "c2" follows a leaf selector`,
	"bad_InvalidFragIdPrefixNotNmtoken.xlf":         `ref "#/f=f1/u=1/r$d=myid1": prefix "r$d" is not an NMTOKEN`,
	"bad_InvalidFragIdPrefixTooShort.xlf":           `ref "#/f=f1/u=1/z=myid1": prefix "z" is not an XLIFF selector (one-let`,
	"bad_InvalidFragIdSyntax.xlf":                   `ref "#n/n1": "n1" follows a leaf selector`,
	"bad_InvalidFragIdUnknownPrefix.xlf":            `ref "#/f=f1/u=1/my=myid1": prefix "my" is not registered`,
	"bad_InvalidHexRangeOnCp.xlf":                   `<cp hex="00a0"> is for characters XML cannot carry; write U+00A0 as te`,
	"bad_InvalidHexValueOnCp.xlf":                   `hex="notOK" is not hexadecimal`,
	"bad_InvalidId1.xlf":                            `id="/1" is not an XML NMTOKEN`,
	"bad_InvalidId2.xlf":                            `id="#1" is not an XML NMTOKEN`,
	"bad_InvalidId3.xlf":                            `id="\\1" is not an XML NMTOKEN`,
	"bad_InvalidIsolatedOnEc.xlf":                   `isolated, but its <sc> is in the unit`,
	"bad_InvalidIsolatedOnSc.xlf":                   `startRef "1" names an isolated <sc>: the pair is in the unit, so neith`,
	"bad_InvalidNoteRefInUnit.xlf":                  `ref "#f=f1/n=n1": a comment annotation points to a <note> of its unit `,
	"bad_InvalidNotesInFile.xlf":                    `<notes> must come before units and groups`,
	"bad_InvalidNotesInGroup.xlf":                   `<notes> must come before units and groups`,
	"bad_InvalidNotesInUnit.xlf":                    `<notes> must come before <originalData> and the segments`,
	"bad_InvalidStateValue.xlf":                     `state="badState" is not initial, translated, reviewed or final`,
	"bad_InvalidTranslateInSegment.xlf":             `attribute translate is not allowed here`,
	"bad_InvalidTypeSubTypeValues.xlf":              `subType "xlf:var" needs type "ui"`,
	"bad_InvalidTypeValue.xlf":                      `type="badType" is not fmt, ui, quote, link, image or other`,
	"bad_InvalidValidation.xlf":                     `not an element of module urn:oasis:names:tc:xliff:validation:2.0`,
	"bad_InvalidXmlLangInheritedFromFile.xlf":       `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_InvalidXmlLangInheritedFromGroup.xlf":      `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_InvalidXmlLangInheritedFromUnit.xlf":       `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_InvalidXmlLangOnFile.xlf":                  `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_InvalidXmlLangOnGroup.xlf":                 `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_InvalidXmlLangOnUnit.xlf":                  `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_IsolatedEcWithId.xlf":                      `an isolated <ec> has an id and no startRef`,
	"bad_MissingIsolatedOnEc.xlf":                   `an <ec> that is not isolated has a startRef and no id (isolated="yes" `,
	"bad_MissingIsolatedOnSc.xlf":                   `no <ec> closes it in the unit: an <sc> without one is isolated="yes"`,
	"bad_MissingNonRemovable1.xlf":                  `code "4" has canDelete="no" but no target of the unit has it`,
	"bad_MissingNonRemovable2.xlf":                  `code "1" has canDelete="no" but no target of the unit has it`,
	"bad_MissingReorderFirstNo.xlf":                 `canReorder="no" must follow a code with canReorder "firstNo" or "no"`,
	"bad_NoFile.xlf":                                `<xliff> needs at least one <file>`,
	"bad_NoTrgLang.xlf":                             `a <target> needs trgLang on <xliff>`,
	"bad_NoTrgLangWithIgnorable.xlf":                `a <target> needs trgLang on <xliff>`,
	"bad_NoUnitOrGroupInFile.xlf":                   `<file> needs at least one <unit> or <group>`,
	"bad_NonEmptySkeletonWithHref.xlf":              `a skeleton with href must be empty`,
	"bad_NonIsolatedEcWithStartRef.xlf":             `an <ec> that is not isolated has a startRef and no id (isolated="yes" `,
	"bad_NonIsolatedEcWithoutStartRef.xlf":          `an <ec> that is not isolated has a startRef and no id`,
	"bad_NotesWithoutNote.xlf":                      `<notes> needs at least one <note>`,
	"bad_OrderNotUnique1.xlf":                       `order 1 is also the order of another target of the unit`,
	"bad_OrderNotUnique2.xlf":                       `order 2 is also the order of another target of the unit`,
	"bad_OriginalDataWithoutData.xlf":               `<originalData> needs at least one <data>`,
	"bad_PartIdNotUnique.xlf":                       `id "1twice" is used by another segment or ignorable of the unit`,
	"bad_RefAndValueInComment.xlf":                  `a comment annotation has either value or ref`,
	"bad_SegmentIdNotUnique.xlf":                    `id "s1twice" is used by another segment or ignorable of the unit`,
	"bad_SegmentWithoutSource.xlf":                  `<source> is missing`,
	"bad_SrcLangNotWellFormed.xlf":                  `srcLang="e" is not a BCP 47 language tag`,
	"bad_SubFlowWithInvalidReference.xlf":           `subFlowsStart: the file has no unit "badRef"`,
	"bad_SubFlowWithInvalidValue.xlf":               `subFlows="tu7, tu8" is not a list of XML NMTOKENs`,
	"bad_SubStateWithoutState.xlf":                  `subState needs state`,
	"bad_SubTypeWithoutType.xlf":                    `subType needs type`,
	"bad_TrgLangNotWellFormed.xlf":                  `trgLang="f r" is not a BCP 47 language tag`,
	"bad_TwoSourceInUnit.xlf":                       `<segment> holds one <source> and an optional <target>, in that order`,
	"bad_UnitWithoutSegment.xlf":                    `<unit> needs at least one <segment>`,
	"bad_UnknownDataRefEndValue.xlf":                `dataRefEnd "badId": the unit has no <data> with that id`,
	"bad_UnknownDataRefStartValue.xlf":              `dataRefStart "badId": the unit has no <data> with that id`,
	"bad_UnknownDataRefValue.xlf":                   `dataRef "badId": the unit has no <data> with that id`,
	"bad_WrongLangOnTarget.xlf":                     `xml:lang "ja" (explicit or inherited) is not trgLang "fr"`,
	"bad_WrongReordering1.xlf":                      `the codes "1", "2", "3" cannot be reordered but the targets do not kee`,
	"bad_WrongReordering2.xlf":                      `the codes "1", "2" cannot be reordered but the targets do not keep the`,
	"bad_WrongSourceLang.xlf":                       `xml:lang "ja" (explicit or inherited) is not srcLang "en"`,
	"bad_WrongTargetLang.xlf":                       `xml:lang "de" (explicit or inherited) is not trgLang "fr"`,
	"bad_XmlLangNotWellFormed.xlf":                  `xml:lang="f r" is not a BCP 47 language tag`,
	"bad_YesCanReorderInEcForFirstNoInSc.xlf":       `canReorder must be "no": its <sc> has "firstNo"`,
	"bad_canReorderContext1.xlf":                    `canReorder="firstNo" needs canCopy="no" and canDelete="no"`,
	"bad_canReorderContext2.xlf":                    `canReorder="firstNo" needs canCopy="no" and canDelete="no"`,
	"bad_canReorderContext3.xlf":                    `canReorder="firstNo" needs canCopy="no" and canDelete="no"`,
}

// invalidMatches maps each Translation Candidates file of the OASIS test
// suite's modules/invalid folder to (part of) the error Validate must
// report for it.
var invalidMatches = map[string]string{
	"Bad-mtc_id-not-nmtoken.xlf":         `<match>: id="\\bad" is not an XML NMTOKEN`,
	"Bad-mtc_match-ID-not-unique.xlf":    `<match>: id "mtc1" is used by another extension element here`,
	"Bad-mtc_match-has-xml_lang.xlf":     `xml:lang is not allowed on <mtc:match>`,
	"Bad-mtc_subType-w-o-type-match.xlf": `<match>: subType needs type`,
	"Bad-mtc_type-value-not-in-list.xlf": `type="my.mt" is not one of am mt icm idm tb tm other`,
	"Bad-mtc_wrong-ref-syntax.xlf":       `ref "s1" is not a fragment identifier (#ID) pointing into the unit`,
	"Bad-mtc_wrong-ref-value.xlf":        `ref "#u1" does not point to a segment, an ignorable or an annotation of its unit`,
}

func validateFile(t *testing.T, path string) []error {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	return Validate(filepath.Base(path), fh)
}

func TestValidateOASISValid(t *testing.T) {
	for _, dir := range []string{"core/valid", "core/in-out", "modules/valid"} {
		files := corpus(t, "oasis-xliff20-testsuite/"+dir+"/*.xlf")
		for _, path := range files {
			t.Run(dir+"/"+filepath.Base(path), func(t *testing.T) {
				assert.Empty(t, validateFile(t, path))
			})
		}
	}
}

// TestValidateOASISInvalid checks that every core invalid file of the suite
// fails, for the reason the file was written for.
func TestValidateOASISInvalid(t *testing.T) {
	files := corpus(t, "oasis-xliff20-testsuite/core/invalid/*.xlf")
	require.Len(t, files, len(invalidCore), "every invalid file has an expected error")
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := invalidCore[name]
			require.True(t, ok, "no expected error for %s", name)
			errs := validateFile(t, path)
			require.NotEmpty(t, errs, "an invalid file passes")
			var msgs []string
			for _, e := range errs {
				var pe *document.PosError
				require.True(t, errors.As(e, &pe))
				assert.Equal(t, name, pe.Path)
				assert.Positive(t, pe.Pos.Line)
				msgs = append(msgs, e.Error())
			}
			assert.Contains(t, strings.Join(msgs, "\n"), want)
		})
	}
}

// TestValidateOASISInvalidMatches checks that every Translation
// Candidates file of the suite's modules/invalid folder fails, for the
// reason the file was written for.
func TestValidateOASISInvalidMatches(t *testing.T) {
	files := corpus(t, "oasis-xliff20-testsuite/modules/invalid/Bad-mtc_*.xlf")
	require.Len(t, files, len(invalidMatches), "every invalid file has an expected error")
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := invalidMatches[name]
			require.True(t, ok, "no expected error for %s", name)
			var msgs []string
			for _, e := range validateFile(t, path) {
				msgs = append(msgs, e.Error())
			}
			assert.Contains(t, strings.Join(msgs, "\n"), want)
		})
	}
}

func TestValidateRules(t *testing.T) {
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">`
	unit := func(body string) string {
		return head + `<file id="f"><unit id="u">` + body + `</unit></file></xliff>`
	}
	tests := []struct {
		name, in string
		want     []string // all of these, in this order; none for a valid file
	}{
		{"valid minimal", unit(`<segment><source>a</source></segment>`), nil},
		{"malformed XML", head + "<file>", []string{"xliff: malformed XML: unexpected EOF"}},
		{"not XLIFF 2.0", `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>`, []string{"the root element must be <xliff> in namespace"}},
		{"version", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2" srcLang="fr"><file id="f"><group id="g"/></file></xliff>`, []string{`version="1.2" is not 2.0`}},
		{"errors in file order", unit(`<segment state="x"><source><ph/></source></segment><segment id="a b"><source/></segment>`),
			[]string{`state="x"`, "required attribute id", `id="a b" is not an XML NMTOKEN`}},
		{"unknown xlf subType", unit(`<segment><source><ph id="1" type="fmt" subType="xlf:big"/></source></segment>`), []string{`subType "xlf:big" is not one the specification defines`}},
		{"user value without prefix", unit(`<segment><source><ph id="1" type="fmt" subType="big"/></source></segment>`), []string{`subType="big" is not of the form "prefix:value"`}},
		{"subState without prefix", unit(`<segment state="final" subState="ok"><source/></segment>`), []string{`subState="ok" is not of the form`}},
		{"order out of range", unit(`<segment><source>a</source><target order="3">b</target></segment>`), []string{"order 3 is more than the 1 segments", "no target has order 1 to take its place"}},
		{"ec startRef to a ph", unit(`<segment><source><ph id="1"/><ec startRef="1"/></source></segment>`), []string{`startRef "1": no <sc> with that id comes before`}},
		{"two ec for one sc", unit(`<segment><source><sc id="1"/><ec startRef="1"/><ec startRef="1"/></source></segment>`), []string{`startRef "1": no <sc> with that id comes before`}},
		{"target id of a segment", unit(`<segment id="s"><source>a</source><target><ph id="s"/></target></segment>`), []string{`id "s" is also the id of a segment or ignorable`}},
		{"target code of another kind", unit(`<segment><source><ph id="1"/></source><target><sc id="1" isolated="yes"/></target></segment>`), []string{`id "1" names a <ph> in the source`}},
		{"target ids repeat", unit(`<segment><source><ph id="1"/></source><target><ph id="1"/><ph id="1"/></target></segment>`), []string{`id "1" is used twice in the target`}},
		{"element in note", head + `<file id="f"><notes><note><b/></note></notes><unit id="u"><segment><source/></segment></unit></file></xliff>`, []string{"elements are not allowed in <note>"}},
		{"note priority", head + `<file id="f"><notes><note priority="11">n</note></notes><unit id="u"><segment><source/></segment></unit></file></xliff>`, []string{`priority="11" is not an integer from 1 to 10`}},
		{"XLIFF element in skeleton", head + `<file id="f"><skeleton><unit id="x"/></skeleton><unit id="u"><segment><source/></segment></unit></file></xliff>`, []string{"XLIFF elements are not allowed in <skeleton>"}},
		{"data xml:space", unit(`<originalData><data id="d" xml:space="default">x</data></originalData><segment><source><ph id="1" dataRef="d"/></source></segment>`), []string{`xml:space is fixed to "preserve"`}},
		{"text in unit", unit(`oops<segment><source/></segment>`), []string{"text is not allowed here"}},
		{"unknown element in source", unit(`<segment><source><b/></source></segment>`), []string{"not an inline element"}},
		{"generic annotation without translate", unit(`<segment><source><mrk id="m">a</mrk></source></segment>`), []string{"a translate annotation (type generic) needs translate"}},
		{"comment ref to a note of the unit", unit(`<notes><note id="n">x</note></notes><segment><source><mrk id="m" type="comment" ref="#/f=f/u=u/n=n">a</mrk></source></segment>`), nil},
		{"comment ref to a note of another unit", unit(`<notes><note id="n">x</note></notes><segment><source><mrk id="m" type="comment" ref="#/f=f/u=v/n=n">a</mrk></source></segment>`), []string{"a comment annotation points to a <note> of its unit"}},
		{"fs on an inline code", unit(`<segment><source><ph id="1" xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0" fs:fs="br" fs:subFs="x"/></source></segment>`), nil},
		{"fs:subFs without fs:fs", unit(`<segment><source><ph id="1" xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0" fs:subFs="x"/></source></segment>`), []string{"fs:subFs needs fs:fs"}},
		{"slr attribute", unit(`<segment><source><ph id="1" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" slr:size="1"/></source></segment>`), []string{"slr:size is not an attribute of the size restriction module"}},
		{"cp beyond Unicode", unit(`<segment><source><cp hex="110000"/></source></segment>`), []string{`<cp hex="110000"> is for characters XML cannot carry`}},
		{"cp with odd digits", unit(`<segment><source><cp hex="001"/></source></segment>`), []string{`hex="001" is not hexadecimal`}},
		{"canReorder sequence in two segments", unit(`<segment><source><ph id="1" canReorder="firstNo" canCopy="no" canDelete="no"/></source><target><ph id="1" canReorder="firstNo" canCopy="no" canDelete="no"/></target></segment>` +
			`<segment><source><ph id="2" canReorder="no" canCopy="no" canDelete="no"/></source><target><ph id="2" canReorder="no" canCopy="no" canDelete="no"/></target></segment>`), nil},
	}
	for _, tc := range append(tests, matchRules()...) {
		t.Run(tc.name, func(t *testing.T) {
			errs := Validate("v.xlf", strings.NewReader(tc.in))
			if tc.want == nil {
				assert.Empty(t, errs)
				return
			}
			require.Len(t, errs, len(tc.want), "%v", errs)
			for i, w := range tc.want {
				assert.Contains(t, errs[i].Error(), w)
				assert.True(t, strings.HasPrefix(errs[i].Error(), "v.xlf:"), errs[i].Error())
			}
		})
	}
}

// matchRules are the cases of TestValidateRules for the Translation
// Candidates module.
func matchRules() []struct {
	name, in string
	want     []string
} {
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="fr" trgLang="en">`
	unit := func(matches, body string) string {
		return head + `<file id="f"><unit id="u">` + matches + body + `</unit></file></xliff>`
	}
	const seg = `<segment id="s"><source>Le <pc id="1">chat</pc> <mrk id="m" translate="yes">dort</mrk>.</source><target>The <pc id="1">cat</pc> <mrk id="m" translate="yes">sleeps</mrk>.</target></segment>`
	match := func(attrs, body string) string {
		return `<mtc:matches><mtc:match ` + attrs + `>` + body + `</mtc:match></mtc:matches>`
	}
	const pair = `<source>a</source><target>b</target>`
	return []struct {
		name, in string
		want     []string
	}{
		{"match with codes and its own data", unit(match(`ref="#s" origin="relais:previous" type="tm" similarity="87.5" matchQuality="90"`,
			`<originalData><data id="d1">**</data></originalData><source>Le <pc id="1" dataRefStart="d1" dataRefEnd="d1">chien</pc> dort<ph id="s"/>.</source>`+
				`<target>The <pc id="1" dataRefStart="d1" dataRefEnd="d1">dog</pc> sleeps<ph id="s"/>.</target>`), seg), nil},
		{"refs to an annotation, a target annotation and a path", unit(`<mtc:matches><mtc:match ref="#m">`+pair+`</mtc:match><mtc:match ref="#t=m">`+pair+
			`</mtc:match><mtc:match ref="#/f=f/u=u/s">`+pair+`</mtc:match></mtc:matches>`, seg), nil},
		{"metadata first, extensions last", unit(match(`ref="#s"`, `<mda:metadata xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"><mda:metaGroup><mda:meta type="x">y</mda:meta></mda:metaGroup></mda:metadata>`+
			pair+`<x:y xmlns:x="urn:x"/>`), seg), nil},
		{"reference match in another language", unit(match(`ref="#s" reference="yes"`, `<source>a</source><target xml:lang="de">b</target>`), seg), nil},
		{"data of the unit, not of the match", unit(match(`ref="#s"`, `<source><ph id="1" dataRef="d1"/></source><target/>`),
			`<originalData><data id="d1">x</data></originalData>`+seg), []string{`dataRef "d1": the unit has no <data> with that id`}},
		{"target code of another kind than the match source's", unit(match(`ref="#s"`, `<source><ph id="1"/></source><target><pc id="1">x</pc></target>`), seg),
			[]string{`id "1" names a <ph> in the source`}},
		{"ec without its sc in the match", unit(match(`ref="#s"`, `<source>a<ec startRef="1"/></source><target>b</target>`), seg),
			[]string{`startRef "1": no <sc> with that id comes before in the unit`}},
		{"matches after notes", unit(`<notes><note>n</note></notes>`+match(`ref="#s"`, pair), seg),
			[]string{"an extension element must come before <notes>"}},
		{"matches in a file", head + `<file id="f">` + match(`ref="#s"`, pair) + `<unit id="u">` + seg + `</unit></file></xliff>`,
			[]string{"<mtc:matches> is only allowed in <unit>", "<mtc:match> is only allowed in <mtc:matches>"}},
		{"empty matches", unit(`<mtc:matches/>`, seg), []string{"<mtc:matches> needs at least one <mtc:match>"}},
		{"ref to another unit", unit(match(`ref="#/f=f/u=v/s"`, pair), seg), []string{`ref "#/f=f/u=v/s" does not point to a segment`}},
		{"ref to a code that is no span", unit(match(`ref="#1"`, pair), `<segment id="s"><source>a<ph id="1"/></source></segment>`),
			[]string{`ref "#1" does not point to a segment`}},
		{"similarity over 100", unit(match(`ref="#s" similarity="100.5"`, pair), seg), []string{`similarity="100.5" is not a decimal from 0 to 100`}},
		{"similarity with an exponent", unit(match(`ref="#s" similarity="1e1"`, pair), seg), []string{`similarity="1e1" is not a decimal from 0 to 100`}},
		{"no target", unit(match(`ref="#s"`, `<source>a</source>`), seg), []string{"<mtc:match> needs a <source> and a <target>"}},
		{"target before source", unit(match(`ref="#s"`, `<target>b</target><source>a</source>`), seg),
			[]string{"needs a <source> and a <target>", "<mtc:match> holds an optional <mda:metadata> and <originalData>, then one <source> and one <target>, in that order"}},
		{"extension before the target", unit(match(`ref="#s"`, `<source>a</source><x:y xmlns:x="urn:x"/><target>b</target>`), seg),
			[]string{"an extension element of <mtc:match> must come after its <target>"}},
		{"target language without reference", unit(match(`ref="#s"`, `<source>a</source><target xml:lang="de">b</target>`), seg),
			[]string{`xml:lang "de" (explicit or inherited) is not trgLang "en"`}},
	}
}

func TestValidateFragments(t *testing.T) {
	for frag, ok := range map[string]bool{
		"m1": true, "n=n1": true, "t=m2": true, "f=f1/u=u1/s1": true, "/f=f1/u=u1/d=d1": true,
		"/f=f1/g=g1/n=n1": true, "f=f1/res=r1": true, "f=f1/tbx=tbx44": true,
		"": false, "/u=u1": false, "f=f1/f=f2": false, "u=u1/f=f1": false, "n=n1/u=u1": false,
		"a/b": false, "f=f1/z=1": false, "f=f1/my=1": false, "f=f1/r$d=1": false, "f=a b": false,
	} {
		err := checkFragment(frag)
		assert.Equal(t, ok, err == nil, "%q: %v", frag, err)
	}
}

func TestValidateMalformedInput(t *testing.T) {
	errs := Validate("m.xlf", bytes.NewReader([]byte("<xliff")))
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "m.xlf:1:7: xliff: malformed XML")
}
