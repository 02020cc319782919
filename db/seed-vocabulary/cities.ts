import type { ConceptKey } from './concepts';

export interface CitySpec {
  slug: string;
  name: string;
  state: string;
  /** Real neighbourhoods, used for the restaurant's `area` and to keep slugs unique across cities. */
  areas: readonly string[];
  /** How locals brand things ("Bombay Pav Bhaji", "Dilli Chaat"), for the {local} name placeholder. */
  local: readonly string[];
  /** Share of pure-veg restaurants; Ahmedabad and Chennai really do lean vegetarian. */
  vegShare: number;
  /** Kinds of place every listing in this city has (Kolkata's Bengali kitchens); generated first. */
  staples: readonly ConceptKey[];
  /** Multipliers on a concept's base weight for the rest, so each city's line-up feels local. */
  favour: Partial<Record<ConceptKey, number>>;
}

export const CITIES: readonly CitySpec[] = [
  {
    slug: 'bengaluru',
    name: 'Bengaluru',
    state: 'Karnataka',
    areas: [
      'Koramangala', 'Indiranagar', 'HSR Layout', 'Jayanagar', 'JP Nagar', 'Whitefield', 'Malleshwaram',
      'BTM Layout', 'Electronic City', 'Marathahalli', 'Basavanagudi', 'Rajajinagar', 'Banashankari', 'Hebbal',
      'Bellandur', 'Frazer Town', 'Sadashivanagar', 'Yelahanka',
    ],
    local: ['Bangalore', 'Mysore', 'Cubbon'],
    vegShare: 0.28,
    staples: ['udupi', 'udupi', 'biryani', 'andhra', 'cafe'],
    favour: { udupi: 2.5, biryani: 1.5, andhra: 1.5, cafe: 1.5, kerala: 1.2, coastal: 1.2 },
  },
  {
    slug: 'mumbai',
    name: 'Mumbai',
    state: 'Maharashtra',
    areas: [
      'Bandra West', 'Andheri East', 'Andheri West', 'Powai', 'Juhu', 'Colaba', 'Lower Parel', 'Dadar',
      'Malad West', 'Goregaon East', 'Chembur', 'Ghatkopar', 'Borivali', 'Worli', 'Santacruz', 'Vile Parle',
      'Kandivali', 'Mulund',
    ],
    local: ['Bombay', 'Mumbai', 'Marine Drive'],
    vegShare: 0.24,
    staples: ['streetfood', 'streetfood', 'coastal', 'udupi', 'cafe'],
    favour: { streetfood: 2.5, coastal: 2, cafe: 1.5, pizza: 1.3, chinese: 1.3, udupi: 1.2 },
  },
  {
    slug: 'delhi',
    name: 'Delhi',
    state: 'Delhi',
    areas: [
      'Connaught Place', 'Hauz Khas', 'Lajpat Nagar', 'Karol Bagh', 'Rajouri Garden', 'Saket', 'Greater Kailash',
      'Chandni Chowk', 'Dwarka', 'Vasant Kunj', 'Pitampura', 'Janakpuri', 'Defence Colony', 'Malviya Nagar',
      'Kamla Nagar', 'Mayur Vihar', 'Preet Vihar', 'Paharganj',
    ],
    local: ['Dilli', 'Delhi', 'Purani Dilli'],
    vegShare: 0.22,
    staples: ['dhaba', 'mughlai', 'chaat', 'rolls', 'momos'],
    favour: { dhaba: 2.5, mughlai: 2.5, chaat: 2, rolls: 1.5, momos: 2, northindian: 1.5 },
  },
  {
    slug: 'hyderabad',
    name: 'Hyderabad',
    state: 'Telangana',
    areas: [
      'Banjara Hills', 'Jubilee Hills', 'Gachibowli', 'Madhapur', 'Kondapur', 'Ameerpet', 'Begumpet', 'Kukatpally',
      'Secunderabad', 'Himayatnagar', 'Abids', 'Mehdipatnam', 'Tolichowki', 'Dilsukhnagar', 'Manikonda',
      'Kothapet',
    ],
    local: ['Hyderabadi', 'Deccan', 'Golconda'],
    vegShare: 0.18,
    staples: ['biryani', 'biryani', 'biryani', 'andhra', 'mughlai'],
    favour: { biryani: 3.5, andhra: 2.5, mughlai: 1.5, chinese: 1.2, udupi: 1 },
  },
  {
    slug: 'chennai',
    name: 'Chennai',
    state: 'Tamil Nadu',
    areas: [
      'T Nagar', 'Adyar', 'Anna Nagar', 'Mylapore', 'Velachery', 'Nungambakkam', 'Besant Nagar', 'Guindy',
      'Kilpauk', 'Porur', 'Thoraipakkam', 'Tambaram', 'Egmore', 'Royapettah', 'Alwarpet', 'Perungudi',
    ],
    local: ['Madras', 'Chennai', 'Marina'],
    vegShare: 0.32,
    staples: ['udupi', 'udupi', 'chettinad', 'chettinad', 'kerala'],
    favour: { udupi: 3, chettinad: 3, kerala: 1.5, biryani: 1.5, andhra: 1.2 },
  },
  {
    slug: 'pune',
    name: 'Pune',
    state: 'Maharashtra',
    areas: [
      'Koregaon Park', 'Kothrud', 'Viman Nagar', 'Baner', 'Aundh', 'Hinjewadi', 'Kalyani Nagar', 'Shivajinagar',
      'Deccan Gymkhana', 'Camp', 'Wakad', 'Hadapsar', 'Magarpatta', 'Kharadi', 'Pimple Saudagar', 'Sadashiv Peth',
    ],
    local: ['Poona', 'Pune', 'Deccan'],
    vegShare: 0.26,
    staples: ['streetfood', 'cafe', 'thali', 'biryani'],
    favour: { streetfood: 2, cafe: 2, thali: 1.5, pizza: 1.3, biryani: 1.2, northindian: 1.2 },
  },
  {
    slug: 'kolkata',
    name: 'Kolkata',
    state: 'West Bengal',
    areas: [
      'Park Street', 'Salt Lake', 'Ballygunge', 'Gariahat', 'New Town', 'Esplanade', 'Bhowanipore', 'Behala',
      'Tollygunge', 'Dum Dum', 'Lake Town', 'Jadavpur', 'Shyambazar', 'Alipore', 'Kasba', 'Rajarhat',
    ],
    local: ['Calcutta', 'Kolkata', 'Hooghly'],
    vegShare: 0.16,
    staples: ['bengali', 'bengali', 'bengali', 'rolls', 'rolls', 'chinese'],
    favour: { bengali: 6, rolls: 3, chinese: 2, mughlai: 1.5, biryani: 1.5, sweets: 1.5 },
  },
  {
    slug: 'ahmedabad',
    name: 'Ahmedabad',
    state: 'Gujarat',
    areas: [
      'Navrangpura', 'Satellite', 'Bodakdev', 'Vastrapur', 'Prahlad Nagar', 'Maninagar', 'CG Road', 'SG Highway',
      'Paldi', 'Thaltej', 'Bopal', 'Gota', 'Chandkheda', 'Law Garden', 'Ellisbridge', 'Naranpura',
    ],
    local: ['Amdavadi', 'Karnavati', 'Sabarmati'],
    vegShare: 0.44,
    staples: ['gujarati', 'gujarati', 'gujarati', 'thali', 'sweets', 'chaat'],
    favour: { gujarati: 6, thali: 2.5, chaat: 2, sweets: 2, pizza: 1.5, streetfood: 1.5, mughlai: 0.5 },
  },
];
