/**
 * The documents CarePact's rules come from, as users may cite them: by title and section, never
 * by the name of a file in our repository. Code comments may keep the short file names
 * (e.g. `000_… §3.3`); the key of each entry says which file it is.
 */
export const sources = {
  /** seeds/000_2559ba4ecdded544.txt */
  chongqingContracting: {
    title:
      'Exploration of Optimal Paths for Contractual Cooperation between Public Medical Institutions ' +
      'and Elderly Care Institutions in Chongqing, China',
    author: 'Wang, 2025',
    sections: {
      '1': 'Practical status of medical-elderly care contractual cooperation in Chongqing',
      '2': 'Practical obstacles of medical-elderly care contractual cooperation in Chongqing',
      '3.1': 'Implement workload assessment to enhance the undertaking capacity of both medical and elderly care sides',
      '3.2':
        'Standardize the medical-elderly care cooperation model and establish long-term collaborative relationships',
      '3.3': 'Provide policy support to consolidate the foundation for medical-elderly care cooperation',
    },
  },
  /** seeds/001_a1fbf59b5c1bf0a4.txt */
  jingAnFiveBed: {
    title:
      'Implementation Opinions on Improving the "Five-bed Coordinated Operation" to Further Promote ' +
      "the Medical Care/Wellness Care Integrative Development of the Elderly Care Institutions in Jing'an District",
    author: "Jing'an District People's Government, JDPG GO G [2024] No.5",
    sections: {
      I: 'Overall Requirements',
      II: 'Main Tasks',
      III: 'Responsibilities of Government Departments',
      IV: 'Organization for Implementation',
    },
  },
  /** seeds/002_aa6e27cfa3d9ebf6.txt */
  countyConsortia: {
    title: 'China makes headway in building county-level medical consortia',
    author: 'Xinhua, 2024',
    sections: {},
  },
  /** seeds/003_7b0a585ba48c6233.txt */
  medicalConsortium: {
    title: 'China to develop medical consortium for better service delivery',
    author: 'Zhang Yue, 2017',
    sections: {},
  },
  /** seeds/004_f9fca31a0a1d292b.txt */
  chongqingMedicalAssistance: {
    title: 'Study on the Current Situation and Improvement Countermeasures of Medical Assistance in Chongqing',
    author: 'Peng et al., 2021',
    sections: {},
  },
} as const;

export type SourceKey = keyof typeof sources;
type SectionOf<K extends SourceKey> = keyof (typeof sources)[K]['sections'] & string;

/** `Wang, 2025, "Exploration of Optimal Paths …", §3.3`: how a rule is cited wherever a user reads it. */
export function cite<K extends SourceKey>(source: K, section?: SectionOf<K>): string {
  const { title, author } = sources[source];
  return `${author}, "${title}"${section ? `, §${section}` : ''}`;
}
